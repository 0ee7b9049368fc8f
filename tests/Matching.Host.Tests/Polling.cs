namespace Matching.Host.Tests;

/// <summary>Search is near-real-time (searchable within a second): poll briefly for what was just written.</summary>
internal static class Polling
{
    public static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
