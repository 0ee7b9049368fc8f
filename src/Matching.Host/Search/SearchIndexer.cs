using Matching.Contracts;
using Matching.Domain.Counties;
using Matching.Domain.Fit;
using Matching.Domain.Parks;
using Matching.Engine;
using Matching.Host.Hosting;
using Matching.Host.Seeding;
using Matching.Search;
using Matching.Seeds;
using Microsoft.Extensions.Options;

namespace Matching.Host.Search;

/// <summary>
/// Once the seeds are in: creates the indexes, rebuilds the project index from grain state when it is
/// empty (or when asked), loads every county with its parks into the matching snapshot and candidate
/// index, then re-reads the counties periodically so that edits made through other hosts reach this one.
/// </summary>
public sealed partial class SearchIndexer(
    IGrainFactory grains,
    ISearchEngine search,
    CandidateRegistry registry,
    ProjectIndexRebuilder rebuilder,
    ShandongSeeds seeds,
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
            var counties = await LoadCandidatesAsync(stoppingToken);
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

        using var timer = new PeriodicTimer(options.Value.CandidateRefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await LoadCandidatesAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(e);
            }
        }
    }

    private async Task<int> LoadCandidatesAsync(CancellationToken cancellationToken)
    {
        var parks = (await Task.WhenAll(seeds.Province.Parks.Select(p => grains.GetGrain<IParkGrain>(p.Id).Get())))
            .OfType<Park>()
            .Where(p => p.Reference.CountyAdcode is not null)
            .ToLookup(p => p.Reference.CountyAdcode!);
        var counties = (await Task.WhenAll(seeds.Province.Counties.Select(c => grains.GetGrain<ICountyGrain>(c.Adcode).Get())))
            .OfType<County>()
            .Select(c => new Candidate(c, parks[c.Adcode].ToArray()))
            .ToArray();
        await registry.LoadAsync(counties, [], cancellationToken);
        await search.RefreshAsync(cancellationToken);
        return counties.Length;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Preparing search failed; matching is unavailable")]
    private partial void LogFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the matching snapshot failed; the previous one stays in force")]
    private partial void LogRefreshFailed(Exception error);
}
