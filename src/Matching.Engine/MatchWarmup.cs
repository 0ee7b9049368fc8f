using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Engine;

/// <summary>
/// Warms the match path on the loaded snapshot before real requests reach it. Tiered compilation keeps
/// recompiling the match path for the first one to two thousand matches after a start, each of those several times
/// slower than in steady state (<c>driver --match-profile</c> counts 1,300–2,800 methods compiled over them); without
/// a warm-up they are the first real requests, and the latency tail. Stops as soon as a block of matches compiles
/// nothing, at most <see cref="MatchingEngineOptions.WarmupMatches"/> matches.
/// </summary>
public sealed class MatchWarmup(ProjectMatcher matcher, CandidateRegistry registry, Microsoft.Extensions.Options.IOptions<MatchingEngineOptions> options)
{
    private const int Block = 100;

    /// <summary>Matches synthetic projects (the snapshot's own industries and counties) until the JIT settles; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var snapshot = registry.Snapshot;
        var classes = snapshot.All
            .SelectMany(c => c.County.Profile.FeaturedIndustries.Select(f => f.Code).Concat(c.Parks.SelectMany(p => p.Profile.MainIndustries)))
            .Where(code => code.Level == IndustryLevel.Class)
            .Distinct()
            .ToArray();
        if (classes.Length == 0 || snapshot.All.Count == 0) return 0;

        var most = options.Value.WarmupMatches;
        var random = new Random(17);
        var done = 0;
        while (done < most)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            for (var i = 0; i < Block && done < most; i++, done++)
            {
                var first = snapshot.All[random.Next(snapshot.All.Count)].Adcode;
                var project = new ProjectDetails("预热", string.Empty, classes[random.Next(classes.Length)], null, null,
                    random.Next(5_000, 500_000), random.Next(0, 800), random.Next(0, 60_000), random.Next(10, 3_000), random.Next(0, 20_000),
                    random.NextDouble() < 0.1, false, new Investor("预热", null, InvestorKind.Private), random.NextDouble() < 0.8 ? first : null, null);
                var result = await matcher.MatchAsync(project, 20, explain: true, cancellationToken);
                // Exclusion reasons are written when read (the matches endpoint reads them): warm that path too, now and then.
                if (i % 10 == 0) _ = result.Excluded.Count;
            }

            // Yield between blocks: the warm-up never holds a thread-pool thread for long.
            await Task.Yield();
            if (System.Runtime.JitInfo.GetCompiledMethodCount() == compiled) break;
        }

        return done;
    }
}
