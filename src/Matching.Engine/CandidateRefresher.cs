using Matching.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matching.Engine;

/// <summary>
/// Loads every county from the <see cref="ICandidateSource"/> into the <see cref="CandidateRegistry"/>
/// (and so the candidate index), once when the host is ready and then every
/// <see cref="MatchingEngineOptions.CandidateRefreshInterval"/>: each host holds its own snapshot, and
/// a profile edited through another host reaches this one with the next refresh.
/// </summary>
public sealed partial class CandidateRefresher(
    ICandidateSource source, CandidateRegistry registry, ISearchEngine search, IOptions<MatchingEngineOptions> options, ILogger<CandidateRefresher> logger,
    IEnumerable<IRecentAwardSource> awardSources)
{
    /// <summary>Reads and loads every county and the platform's recent awards now; returns how many counties.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var candidates = await source.ReadAllAsync(cancellationToken);
        await registry.LoadAsync(candidates, await RecentAwardsAsync(cancellationToken), cancellationToken);
        await search.RefreshAsync(cancellationToken);
        return candidates.Count;
    }

    /// <summary>Refreshes periodically until cancelled; a failed refresh keeps the snapshot in force and is tried again next time.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.CandidateRefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await RefreshAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRefreshFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The recent awards of every source; a source that fails leaves the awards of the snapshot in force.</summary>
    private async Task<IReadOnlyCollection<Domain.Fit.RecentAward>> RecentAwardsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var awards = new List<Domain.Fit.RecentAward>();
            foreach (var awardSource in awardSources) awards.AddRange(await awardSource.ReadRecentAsync(cancellationToken));
            return awards;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAwardsFailed(e);
            return [.. registry.Snapshot.RecentAwards];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the recent awards failed; the snapshot's awards stay in force")]
    private partial void LogAwardsFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the matching snapshot failed; the previous one stays in force")]
    private partial void LogRefreshFailed(Exception error);
}
