using BenchmarkDotNet.Running;
using Matching.Benchmarks;

// `driver` (default): closed-loop latency percentiles and throughput for the README.
// `driver --quick`: the same at a tenth of the size; `--match-only`: matching alone. Anything else goes to BenchmarkDotNet.
if (args.Length == 0 || args[0] == "driver")
{
    await Driver.RunAsync(quick: args.Contains("--quick"), matchOnly: args.Contains("--match-only"));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(MatchBenchmarks).Assembly).Run(args);
