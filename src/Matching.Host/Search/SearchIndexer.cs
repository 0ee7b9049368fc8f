using Matching.Engine;
using Matching.Host.Hosting;
using Matching.Host.Seeding;
using Matching.Search;
using Microsoft.Extensions.Options;

namespace Matching.Host.Search;

/// <summary>
/// Once the seeds are in: creates the indexes, rebuilds the project index from grain state when it is
/// empty (or when asked), loads every county with its parks into the matching snapshot and candidate
/// index, then leaves the engine's <see cref="CandidateRefresher"/> re-reading the counties periodically
/// so that edits made through other hosts reach this one.
/// </summary>
public sealed partial class SearchIndexer(
    ISearchEngine search,
    CandidateRefresher refresher,
    MatchWarmup warmup,
    ProjectIndexRebuilder rebuilder,
    SeedStatus seedStatus,
    SearchStatus status,
    IOptions<SearchOptions> options,
    ILogger<SearchIndexer> logger) : BackgroundService
{
    /// <summary>
    /// How far before the index's last commit reconciling starts: a project's history row is written a
    /// moment before its index document, so a change whose document missed the commit may have its row just before it.
    /// </summary>
    private static readonly TimeSpan ReconcileMargin = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await seedStatus.Done.WaitAsync(stoppingToken);
            await search.EnsureIndexesAsync(stoppingToken);

            // A rebuild clears both indexes, so it comes before the counties are loaded. Only a lost index
            // (empty while projects are stored) is rebuilt whole; one that may be behind after an unclean
            // stop gets the projects changed since its last durable commit indexed again.
            var projects = (await search.SearchProjectsAsync(new ProjectQuery(Take: 0), stoppingToken)).Total;
            var registered = await rebuilder.CountRegisteredAsync();
            if (options.Value.RebuildOnStart || (projects == 0 && registered > 0))
                projects = await rebuilder.RebuildAsync(stoppingToken);
            else if (await search.ProjectsDurableUntilAsync(stoppingToken) is { } durable)
                await rebuilder.ReconcileAsync(durable - ReconcileMargin, stoppingToken);
            var counties = await refresher.RefreshAsync(stoppingToken);
            status.Complete($"{counties} counties, {projects} projects indexed");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            LogFailed(e);
            status.Fail(e);
            return;
        }

        try
        {
            // After the host is ready (matching answers meanwhile, only slower): see MatchWarmup.
            LogWarmedUp(await warmup.RunAsync(stoppingToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWarmupFailed(e);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await refresher.RunAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Match path warmed up with {Matches} matches")]
    private partial void LogWarmedUp(int matches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming up the match path failed; the first matches are slower")]
    private partial void LogWarmupFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Preparing search failed; matching is unavailable")]
    private partial void LogFailed(Exception error);
}
