using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Matching.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matching.Host.Tests;

/// <summary>
/// The host's match warm-up (<see cref="MatchWarmup"/>, <c>Matching:WarmupMatches</c>) on the host's own snapshot: off at 0,
/// never past its cap, and in a starting host (where other work keeps compiling methods) it stops once its matches settle.
/// </summary>
public sealed partial class MatchWarmupTests
{
    [Fact]
    public async Task Configured_to_0_the_host_runs_no_warm_up_match()
    {
        var logs = new ConcurrentQueue<string>();
        await using var app = MatchingApplication.With(settings: new Dictionary<string, string> { ["Matching:WarmupMatches"] = "0" }, capturedLogs: logs);
        await app.InitializeAsync();

        Assert.Equal(0, await WarmedUp(logs));
        Assert.Equal(0, await app.Services.GetRequiredService<MatchWarmup>().RunAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_starting_host_stops_its_warm_up_when_the_matches_settle_not_at_its_cap()
    {
        // A cap far above what settling takes: before, the process-wide count of compiled methods (start-up work on other
        // threads compiling all along) kept every block looking unsettled, and the warm-up always ran to its cap.
        var logs = new ConcurrentQueue<string>();
        await using var app = MatchingApplication.With(settings: new Dictionary<string, string> { ["Matching:WarmupMatches"] = "30000" }, capturedLogs: logs);
        await app.InitializeAsync();

        var matches = await WarmedUp(logs);
        Assert.InRange(matches, 200, 29_999);
    }

    [Fact]
    public async Task The_warm_up_settles_while_another_thread_keeps_the_JIT_busy_and_never_runs_past_its_cap()
    {
        await using var app = MatchingApplication.With(settings: new Dictionary<string, string> { ["Matching:WarmupMatches"] = "0" });
        await app.InitializeAsync();
        MatchWarmup Warmup(int most) => new(
            app.Services.GetRequiredService<ProjectMatcher>(), app.Services.GetRequiredService<CandidateRegistry>(),
            Options.Create(new MatchingEngineOptions { WarmupMatches = most }));
        var token = TestContext.Current.CancellationToken;

        Assert.Equal(150, await Warmup(150).RunAsync(token));

        // Another thread compiles a new method all along, as a starting host's other work does.
        using var stop = new CancellationTokenSource();
        var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        var busy = Task.Factory.StartNew(() =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var x = Expression.Parameter(typeof(int));
                Expression.Lambda<Func<int, int>>(Expression.Add(x, Expression.Constant(n)), x).Compile()(n);
            }
        }, TaskCreationOptions.LongRunning);
        var matches = await Warmup(30_000).RunAsync(token);
        var compiledMeanwhile = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore;
        await stop.CancelAsync();
        await busy;

        Assert.True(compiledMeanwhile > matches / 100, $"the other thread compiled only {compiledMeanwhile} methods");
        Assert.InRange(matches, 200, 29_999);
    }

    /// <summary>How many matches the host's own warm-up ran, from its log line.</summary>
    private static async Task<int> WarmedUp(ConcurrentQueue<string> logs)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var line in logs)
                if (WarmedUpLine().Match(line) is { Success: true } match) return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("the host logged no warm-up");
    }

    [GeneratedRegex(@"Match path warmed up with (\d+) matches")]
    private static partial Regex WarmedUpLine();
}
