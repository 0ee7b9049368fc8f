using System.Diagnostics;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Engine;

/// <summary>
/// Warms the match path on the loaded snapshot before real requests reach it. Tiered compilation keeps
/// recompiling the match path for the first one to two thousand matches after a start, each of those several times
/// slower than in steady state (<c>driver --match-profile</c> counts 1,300–2,800 methods compiled over them); without
/// a warm-up they are the first real requests, and the latency tail. Runs blocks of matches until one settles, at
/// most <see cref="MatchingEngineOptions.WarmupMatches"/> matches (0: none).
/// </summary>
/// <remarks>
/// A block has settled when the warm-up's own thread compiled no method during it and its median match was not
/// faster than the previous block's by more than a tenth: the paths it exercises all have code, and the tiering
/// that replaces that code no longer shows in the matches. The process-wide count of compiled methods cannot tell
/// that: in a starting host the other start-up work (grains, endpoints, the refresher) compiles methods on other
/// threads all along, so a block never looked settled and the warm-up always ran to its cap. A block lasts at
/// least <see cref="BlockTime"/>, longer than the runtime's tiering delay (100 ms), so that the call counting
/// and the background recompiling it starts happen within the block they speed up.
/// </remarks>
public sealed class MatchWarmup(ProjectMatcher matcher, CandidateRegistry registry, Microsoft.Extensions.Options.IOptions<MatchingEngineOptions> options)
{
    private const int Block = 100;

    /// <summary>The shortest block.</summary>
    public static readonly TimeSpan BlockTime = TimeSpan.FromMilliseconds(250);

    /// <summary>Matches synthetic projects (the snapshot's own industries and counties) until the match path settles; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var most = options.Value.WarmupMatches;
        var snapshot = registry.Snapshot;
        if (most <= 0 || snapshot.All.Count == 0) return 0;
        var classes = snapshot.All
            .SelectMany(c => c.County.Profile.FeaturedIndustries.Select(f => f.Code).Concat(c.Parks.SelectMany(p => p.Profile.MainIndustries)))
            .Where(code => code.Level == IndustryLevel.Class)
            .Distinct()
            .ToArray();
        if (classes.Length == 0) return 0;

        var random = new Random(17);
        var done = 0;
        var times = new List<double>(Block);
        var previous = double.NaN;
        while (done < most)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A block runs on one thread: the match completes synchronously on the snapshot.
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
            var started = Stopwatch.GetTimestamp();
            times.Clear();
            for (var i = 0; done < most && (i < Block || Stopwatch.GetElapsedTime(started) < BlockTime); i++, done++)
            {
                var first = snapshot.All[random.Next(snapshot.All.Count)].Adcode;
                var project = new ProjectDetails("预热", string.Empty, classes[random.Next(classes.Length)], null, null,
                    random.Next(5_000, 500_000), random.Next(0, 800), random.Next(0, 60_000), random.Next(10, 3_000), random.Next(0, 20_000),
                    random.NextDouble() < 0.1, false, new Investor("预热", null, InvestorKind.Private), random.NextDouble() < 0.8 ? first : null, null);
                var start = Stopwatch.GetTimestamp();
                var result = await matcher.MatchAsync(project, 20, explain: true, cancellationToken);
                // Exclusion reasons are written when read (the matches endpoint reads them): warm that path too, now and then.
                if (i % 10 == 0) _ = result.Excluded.Count;
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            var quiet = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) == compiled;
            times.Sort();
            var median = times[times.Count / 2];
            if (quiet && median >= 0.9 * previous) break;
            previous = median;
            // Yield between blocks: the warm-up never holds a thread-pool thread for long.
            await Task.Yield();
        }

        return done;
    }
}
