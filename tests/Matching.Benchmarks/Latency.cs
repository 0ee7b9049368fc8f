using System.Diagnostics;

namespace Matching.Benchmarks;

/// <summary>Closed-loop latency: one caller issues the next request when the previous one returns.</summary>
internal static class Latency
{
    public sealed record Result(int Count, double P50Ms, double P99Ms, double MaxMs, double PerSecond);

    public static async Task<Result> MeasureAsync(Func<Task> call, int warmup, int iterations)
    {
        for (var i = 0; i < warmup; i++) await call();
        var samples = new double[iterations];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        total.Stop();
        Array.Sort(samples);
        return new Result(iterations, Percentile(samples, 0.50), Percentile(samples, 0.99), samples[^1], iterations / total.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Warms a call until the JIT has settled: blocks of <paramref name="block"/> calls until one compiles no method
    /// (tiered compilation keeps recompiling the match path for about a thousand matches after start, and those
    /// calls are several times slower: a fixed short warm-up leaves that in the measured tail). Returns the calls made.
    /// </summary>
    public static async Task<int> WarmUntilJitSettledAsync(Func<Task> call, int block = 200, int most = 20_000)
    {
        var calls = 0;
        while (calls < most)
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            for (var i = 0; i < block; i++) await call();
            calls += block;
            if (System.Runtime.JitInfo.GetCompiledMethodCount() == compiled) break;
        }

        return calls;
    }

    public static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
