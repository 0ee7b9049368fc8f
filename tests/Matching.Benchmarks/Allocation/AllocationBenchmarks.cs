using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Matching.Allocation;
using Matching.Allocation.Tests;

namespace Matching.Benchmarks.Allocation;

/// <summary>
/// Allocation time (greedy, CP-SAT within its 10 s limit, explanations) over 136 counties at 50, 200 and
/// 1,000 contested projects with 2–5 bidders each and scarce quotas. One cold run per size (BenchmarkDotNet's Dry job,
/// in process): the solver is the cost, not the JIT, and the limit caps it.
/// </summary>
[MemoryDiagnoser]
public class AllocationBenchmarks
{
    private AllocationInstance _instance = null!;

    /// <summary>Contested projects.</summary>
    [Params(50, 200, 1000)]
    public int Contests { get; set; }

    [GlobalSetup]
    public void Setup() => _instance = SyntheticContests.Generate(11, Contests, 136, tight: true, cap: 2);

    [Benchmark]
    public AllocationPlan Plan() => AllocationPlanner.Plan(_instance, WhatIf.None, AllocationLimits.Default);

    /// <summary>
    /// `allocation`: the plans themselves (status, objective against the greedy choice, time) for the
    /// README, then the BenchmarkDotNet run.
    /// </summary>
    public static void Run(string[] args)
    {
        Console.WriteLine("| contests | status | objective | greedy | changed | elapsed |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|");
        foreach (var size in new[] { 50, 200, 1000 })
        {
            var plan = AllocationPlanner.Plan(SyntheticContests.Generate(11, size, 136, tight: true, cap: 2), WhatIf.None, AllocationLimits.Default);
            Console.WriteLine($"| {size} | {plan.Status} | {plan.Objective:0.#} | {plan.GreedyObjective:0.#} | {plan.Suggestions.Count(s => s.DiffersFromGreedy)} | {plan.Elapsed.TotalSeconds:0.00} s |");
        }

        if (!args.Contains("--plans-only"))
            // In process: one cold run (Dry: no warm-up, one iteration) needs no generated project, whose build
            // outlasts BenchmarkDotNet's timeout on a busy two-core machine.
            BenchmarkDotNet.Running.BenchmarkRunner.Run<AllocationBenchmarks>(
                DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)), [.. args.Skip(1)]);
    }
}
