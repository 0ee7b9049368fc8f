using System.Diagnostics;
using Matching.Domain.Fit;
using Matching.Domain.Projects;
using Matching.Seeds;

namespace Matching.Benchmarks;

/// <summary>
/// <c>driver --match-profile</c>: where a Shandong match spends its CPU and allocations, with figures that stay
/// valid on a loaded machine (bytes allocated and CPU time per match and per stage, collections per 1,000 matches),
/// and the latency tail split by whether a collection ran during the sample: the share of a gen0 collection in the tail.
/// </summary>
internal static class MatchProfile
{
    public static async Task RunAsync(int iterations)
    {
        var seeds = ShandongSeeds.Load(ShandongSeeds.DefaultPath);
        var model = new FitModel(new MatchWeights(), seeds.Chains, seeds.Province.Industries, seeds.ChemicalParks);
        var shandong = Driver.Shandong(seeds);
        using var folder = new Driver.Folder();
        using var engine = Driver.Engine(folder.Path);
        var (matcher, generator) = await Driver.Matcher(engine, model, shandong, seeds);
        var snapshot = new MatchingSnapshot(shandong, []);
        var projects = Enumerable.Range(0, iterations).Select(_ => generator.Project(shandong)).ToArray();

        Console.WriteLine($"Load average at start: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores; server GC {System.Runtime.GCSettings.IsServerGC}, latency mode {System.Runtime.GCSettings.LatencyMode}");
        // First, what the driver measures in a fresh process: 200 warm-up matches, then 2,000 timed ones, by blocks of 200,
        // with the JIT's work and the collections in each block (counts and CPU, valid on a loaded machine).
        Console.WriteLine("| block of matches | CPU per match | methods JIT-compiled | JIT time | gen0 | wall median | wall p99 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var process = Process.GetCurrentProcess();
        for (var block = 0; block < 11; block++)
        {
            var (methods, jit, gen0) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime(), GC.CollectionCount(0));
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var wall = new double[200];
            for (var i = 0; i < 200; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await matcher.MatchAsync(generator.Project(shandong), 20);
                wall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            process.Refresh();
            Array.Sort(wall);
            Console.WriteLine($"| {(block == 0 ? "warm-up 1–200" : $"timed {block * 200 - 199}–{block * 200}")} | {(process.TotalProcessorTime - cpu).TotalMilliseconds / 200:0.000} ms | " +
                $"{System.Runtime.JitInfo.GetCompiledMethodCount() - methods} | {(System.Runtime.JitInfo.GetCompilationTime() - jit).TotalMilliseconds:0.0} ms | {GC.CollectionCount(0) - gen0} | " +
                $"{Latency.Percentile(wall, 0.5):0.000} ms | {Latency.Percentile(wall, 0.99):0.000} ms |");
        }

        Console.WriteLine();

        Console.WriteLine("| stage | bytes allocated per match | CPU per match | gen0 / gen1 / gen2 per 1,000 matches |");
        Console.WriteLine("|---|---:|---:|---|");
        Stage("project generation (the benchmark's, inside its timed call)", iterations, i => generator.Project(shandong));
        Stage("ScoreAll (points for every county)", iterations, i => model.ScoreAll(projects[i], snapshot));
        var totals = projects.Select(p => model.ScoreAll(p, snapshot)).ToArray();
        Stage("TopMatches.Of (best 20)", iterations, i => TopMatches.Of(totals[i], 20));
        var best = totals.Select(t => TopMatches.Of(t, 20)).ToArray();
        Stage("Assess with reasons (the 20 shown)", iterations, i =>
        {
            foreach (var k in best[i]) model.Assess(projects[i], snapshot.All[k], snapshot);
            return best[i];
        });
        Stage("whole match (ProjectMatcher.MatchAsync, top 20)", iterations, i => matcher.MatchAsync(projects[i], 20).Result);

        // The tail: each sample's wall time, and whether a gen0 collection ran during it.
        var samples = new (double Ms, bool Collected)[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var gen0 = GC.CollectionCount(0);
            var start = Stopwatch.GetTimestamp();
            await matcher.MatchAsync(projects[i], 20);
            samples[i] = (Stopwatch.GetElapsedTime(start).TotalMilliseconds, GC.CollectionCount(0) != gen0);
        }

        IntrinsicCost(p => matcher.MatchAsync(p, 20).Result, projects.Take(Math.Min(iterations, 1000)).ToArray(), 9,
            p => $"{p.IndustryCode} land {p.LandMu} mu, energy {p.EnergyTce} tce{(p.HighEnergy ? " (两高)" : "")}, first contact {p.FirstContactCounty}");
        var all = samples.Select(s => s.Ms).Order().ToArray();
        var clean = samples.Where(s => !s.Collected).Select(s => s.Ms).Order().ToArray();
        var collected = samples.Where(s => s.Collected).Select(s => s.Ms).Order().ToArray();
        var p99 = Latency.Percentile(all, 0.99);
        var tail = samples.Where(s => s.Ms >= p99).ToArray();
        Console.WriteLine();
        Console.WriteLine($"Samples: {iterations}; with a gen0 collection during the sample: {collected.Length} ({100.0 * collected.Length / iterations:0.0} %).");
        Console.WriteLine($"Median: all {Latency.Percentile(all, 0.5):0.000} ms; without a collection {Percentile(clean, 0.5)}; with one {Percentile(collected, 0.5)}.");
        Console.WriteLine($"p99: all {p99:0.000} ms; without a collection {Percentile(clean, 0.99)}. Samples at or above the p99 with a collection: {tail.Count(s => s.Collected)} of {tail.Length}.");
        Console.WriteLine($"p99 / median: all {p99 / Latency.Percentile(all, 0.5):0.00}; without a collection {(clean.Length > 0 ? Latency.Percentile(clean, 0.99) / Latency.Percentile(clean, 0.5) : double.NaN):0.00}.");
    }

    /// <summary>
    /// Whether the tail belongs to some projects: each project matched <paramref name="repeats"/> times, its fastest run
    /// kept (the fastest run is the one the scheduler and collector left alone), and those minima compared.
    /// </summary>
    public static void IntrinsicCost(Func<ProjectDetails, object> match, IReadOnlyList<ProjectDetails> projects, int repeats, Func<ProjectDetails, string> describe)
    {
        var minima = new (double Ms, ProjectDetails Project)[projects.Count];
        for (var i = 0; i < projects.Count; i++)
        {
            var best = double.MaxValue;
            for (var r = 0; r < repeats; r++)
            {
                var start = Stopwatch.GetTimestamp();
                GC.KeepAlive(match(projects[i]));
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            minima[i] = (best, projects[i]);
        }

        var sorted = minima.Select(m => m.Ms).Order().ToArray();
        Console.WriteLine($"Fastest of {repeats} runs per project, over {projects.Count} projects: median {Latency.Percentile(sorted, 0.5):0.000} ms, p99 {Latency.Percentile(sorted, 0.99):0.000} ms, max {sorted[^1]:0.000} ms (p99 / median {Latency.Percentile(sorted, 0.99) / Latency.Percentile(sorted, 0.5):0.00}).");
        foreach (var (ms, project) in minima.OrderByDescending(m => m.Ms).Take(5))
            Console.WriteLine($"  {ms:0.000} ms: {describe(project)}");
    }

    private static string Percentile(double[] sorted, double p) => sorted.Length == 0 ? "—" : $"{Latency.Percentile(sorted, p):0.000} ms";

    private static void Stage<T>(string name, int iterations, Func<int, T> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        T last = default!;
        for (var i = 0; i < iterations; i++) last = run(i);
        process.Refresh();
        var perMatch = (process.TotalProcessorTime - cpu).TotalMilliseconds / iterations;
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)iterations;
        GC.KeepAlive(last);
        double Per1000(int before, int gen) => 1000.0 * (GC.CollectionCount(gen) - before) / iterations;
        Console.WriteLine($"| {name} | {allocated:#,0} B | {perMatch:0.000} ms | {Per1000(g0, 0):0.0} / {Per1000(g1, 1):0.0} / {Per1000(g2, 2):0.0} |");
    }
}
