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

    public static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
