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
    ProjectIndexRebuilder rebuilder,
    SeedStatus seedStatus,
    SearchStatus status,
    IOptions<SearchOptions> options,
    ILogger<SearchIndexer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await seedStatus.Done.WaitAsync(stoppingToken);
            await search.EnsureIndexesAsync(stoppingToken);

            // A rebuild clears both indexes, so it comes before the counties are loaded. An index that
            // holds fewer projects than the registry (lost, or behind after a crash) is rebuilt.
            var projects = (await search.SearchProjectsAsync(new ProjectQuery(Take: 0), stoppingToken)).Total;
            var registered = await rebuilder.CountRegisteredAsync();
            if (options.Value.RebuildOnStart || projects < registered)
                projects = await rebuilder.RebuildAsync(stoppingToken);
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

        await refresher.RunAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Preparing search failed; matching is unavailable")]
    private partial void LogFailed(Exception error);
}
