using BenchmarkDotNet.Running;
using Matching.Benchmarks;

// `driver` (default): closed-loop latency percentiles and throughput for the README.
// `driver --quick`: the same at a tenth of the size; `--match-only`: matching alone. Anything else goes to BenchmarkDotNet.
// `live [--quick] [--clients N] [--rate N] [--seconds N] [--idle N]`: a real host process under 1,000 live clients with bids at a steady rate, then 10,000 idle connections.
// `state [--quick] [--postgres] [--sizes 100,1000,10000] [--only publish|bids|mixed]`: cost per operation as the store fills up, on a real host process.
if (args.FirstOrDefault() == "state")
{
    await Matching.Benchmarks.State.BoundedStateDriver.RunAsync(args);
    return;
}

// `report [--baseline <Matching.Host.dll>] [--host <this tree's built Matching.Host.dll>] [--sizes 100,10000] [--rounds N] [--iterations N]`: the yearly county report's latency for a county with 100 and 10,000 agreements, A/B in one run.
// `report --settled [--baseline …] [--host …] [--sizes 100,10000] [--concurrency 16]`: the same for a county leading 100 and 10,000 settled projects, seeded through the API.
if (args.FirstOrDefault() == "report")
{
    await Matching.Benchmarks.Reports.CountyReportDriver.RunAsync(args);
    return;
}

if (args.FirstOrDefault() == "live")
{
    await Matching.Benchmarks.Live.LiveLoadDriver.RunAsync(quick: args.Contains("--quick"), args);
    return;
}

// `pages [--loads N]`: the sign-in page and a project's page with its map, cold navigations in Debian's Chromium against a Release host process.
if (args.FirstOrDefault() == "pages")
{
    await Matching.Benchmarks.Pages.PageLoadDriver.RunAsync(args);
    return;
}

// `quality`: leave-one-out ranking quality over the listed companies (hit@1/5/10, MRR, baselines).
if (args.FirstOrDefault() == "quality")
{
    Matching.Benchmarks.Quality.LeaveOneOut.Run(args.Skip(1));
    return;
}

// `allocation [--plans-only]`: allocation time at 50, 200 and 1,000 contested projects (one run each), with the plans' status and objective.
if (args.FirstOrDefault() == "allocation")
{
    Matching.Benchmarks.Allocation.AllocationBenchmarks.Run(args);
    return;
}

// `driver --match-profile-ab <baseline Matching.Benchmarks.dll> [--rounds N]`: that profile of a baseline build and of this one, alternating, in one run.
if (args.FirstOrDefault() == "driver" && args.Contains("--match-profile-ab"))
{
    var at = Array.IndexOf(args, "--rounds");
    await MatchProfileAb.RunAsync(args[Array.IndexOf(args, "--match-profile-ab") + 1], at > 0 ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 2);
    return;
}

// `driver --match-profile`: bytes, CPU and collections per Shandong match and per stage, and the tail split by collections.
if (args.FirstOrDefault() == "driver" && args.Contains("--match-profile"))
{
    await MatchProfile.RunAsync(args.Contains("--quick") ? 500 : 5000);
    return;
}

if (args.Length == 0 || args[0] == "driver")
{
    await Driver.RunAsync(quick: args.Contains("--quick"), matchOnly: args.Contains("--match-only"));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(MatchBenchmarks).Assembly).Run(args);
