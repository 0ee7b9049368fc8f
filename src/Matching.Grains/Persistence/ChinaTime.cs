namespace Matching.Grains.Persistence;

/// <summary>Dates as officials read them: China Standard Time (UTC+8, no daylight saving).</summary>
internal static class ChinaTime
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Offset).DateTime);
}
