namespace Matching.Host.Tests;

/// <summary>Search is near-real-time (searchable within a second): poll briefly for what was just written.</summary>
internal static class Polling
{
    public static Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done) => Eventually(read, done, TimeSpan.FromSeconds(5));

    /// <summary>Polls for longer (a reminder's deadline, not search latency).</summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
