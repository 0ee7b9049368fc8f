using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Matching.Allocation;
using Matching.Allocation.Tests;

namespace Matching.Benchmarks.Allocation;

/// <summary>
/// Allocation time (greedy, CP-SAT, explanations, all within the plan's 10 s limit) over 136 counties at
/// 50, 200 and 1,000 contested projects with 2–5 bidders each and scarce quotas, without and with
/// strong–weak pairings (co-build pairs offered). One cold run per size (BenchmarkDotNet's Dry job, in
/// process): the solver is the cost, not the JIT, and the limit caps it.
/// </summary>
[MemoryDiagnoser]
public class AllocationBenchmarks
{
    private static readonly int[] Sizes = [50, 200, 1000];
    private AllocationInstance _instance = null!;

    /// <summary>Contested projects.</summary>
    [Params(50, 200, 1000)]
    public int Contests { get; set; }

    /// <summary>With strong–weak pairings, so co-build pairs are options.</summary>
    [Params(false, true)]
    public bool Pairs { get; set; }

    [GlobalSetup]
    public void Setup() => _instance = Instance(Contests, Pairs);

    [Benchmark]
    public AllocationPlan Plan() => AllocationPlanner.Plan(_instance, WhatIf.None, AllocationLimits.Default);

    private static AllocationInstance Instance(int contests, bool pairs) => SyntheticContests.Generate(11, contests, 136, tight: true, cap: 2, pairs: pairs);

    /// <summary>
    /// `allocation`: the plans themselves (status, objective against the greedy choice and the solver's
    /// bound, whole-plan time) for the README, with the machine's load average, then the BenchmarkDotNet run.
    /// </summary>
    public static void Run(string[] args)
    {
        Console.WriteLine($"load average before: {LoadAverage()}; {Environment.ProcessorCount} cores");
        Console.WriteLine("| contests | pairs | status | objective | greedy | bound | gap | changed | co-builds | elapsed |");
        Console.WriteLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var pairs in new[] { false, true })
            foreach (var size in Sizes)
            {
                var plan = AllocationPlanner.Plan(Instance(size, pairs), WhatIf.None, AllocationLimits.Default);
                var gap = plan.Bound is { } b && b > 0 ? $"{(b - plan.Objective) / b:0.0%}" : "–";
                Console.WriteLine($"| {size:N0} | {(pairs ? "yes" : "no")} | {plan.Status} | {plan.Objective:N1} | {plan.GreedyObjective:N1} | {plan.Bound:N1} | {gap} | "
                    + $"{plan.Suggestions.Count(s => s.DiffersFromGreedy)} | {plan.Suggestions.Count(s => s.Partner is not null)} | {plan.Elapsed.TotalSeconds:0.00} s |");
            }

        Console.WriteLine($"load average after: {LoadAverage()}");
        if (!args.Contains("--plans-only"))
            // In process: one cold run (Dry: no warm-up, one iteration) needs no generated project, whose build
            // outlasts BenchmarkDotNet's timeout on a busy two-core machine.
            BenchmarkDotNet.Running.BenchmarkRunner.Run<AllocationBenchmarks>(
                DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)), [.. args.Skip(1).Where(a => a != "--plans-only")]);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
