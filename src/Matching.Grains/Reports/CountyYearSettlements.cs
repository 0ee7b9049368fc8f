using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Cockpit;
using Matching.Domain.Projects;
using Matching.Domain.Reports;
using Matching.Grains.Persistence;
using Matching.Grains.Projects;
using Matching.Search;

namespace Matching.Grains.Reports;

/// <summary>
/// The yearly report's settled-project figures per county and year (placed, led, credited investment,
/// landing stages and overdue of those it leads, projects per GB/T division), kept as
/// replace-with-difference sums of the row store (<see cref="IRowStore.ContributeAsync"/>): a project's
/// parts (<see cref="SettledCredits"/>) are replaced from its state as stored whenever its search
/// document is (every change that can move its settlement), in its grain's turn, so the last change
/// writes last. The report reads a fixed number of keyed sums per county, whatever the number of projects.
/// </summary>
public sealed class CountyYearSettlements(IRowStore rows, ISearchEngine search, IGrainFactory grains)
{
    internal const string Collection = "county-settled";

    /// <summary>The parts of a project as its settlement stands (none when it is not settled).</summary>
    public static IReadOnlyDictionary<string, decimal> PartsOf(Project project, Settlement? settlement) =>
        settlement is null
            ? new Dictionary<string, decimal>()
            : SettledCredits.Of(settlement.AsSettled(project.Id, DivisionOf(project)), settlement.AsFunnel());

    /// <summary>The project's GB/T division as the search index reports it (<see cref="SettledHit.Division"/>).</summary>
    private static string DivisionOf(Project project) => project.Details.IndustryCode is var code ? code.Division ?? code.Value : string.Empty;

    /// <summary>
    /// After the change's projections: replaces the project's parts when its search document was owed
    /// (a project never decided has none to replace, so bids before a decision cost nothing here). A
    /// failed write leaves the document owed, so the grain's retry indexes it again (a no-op) and replaces the parts.
    /// </summary>
    internal static async Task<(Unprojected Left, Exception? Error)> FollowAsync(IRowStore rows, ProjectState state, Unprojected owed, Unprojected left, Exception? error)
    {
        if (!owed.Index || state.LastDecision is null || state.Project is not { } project) return (left, error);
        try
        {
            await rows.ContributeAsync(Collection, RowBodies.Id(project.Id), PartsOf(project, ProjectSettlements.Of(state)));
            return (left, error);
        }
        catch (Exception e)
        {
            return (left with { Index = true }, error ?? e);
        }
    }

    /// <summary>The counties' settled figures of the year.</summary>
    public async Task<IReadOnlyDictionary<string, CountyYearSettled>> ReadAsync(IReadOnlyList<string> counties, int year, CancellationToken cancellationToken = default)
    {
        var sums = await rows.SumsAsync(Collection, [.. counties.SelectMany(c => SettledCredits.SumsOf(c, year))], cancellationToken);
        return counties.Distinct(StringComparer.Ordinal).ToDictionary(c => c, c => SettledCredits.Read(sums, c, year), StringComparer.Ordinal);
    }

    private const string Backfill = "_backfill", BackfillVersion = "v1";

    /// <summary>
    /// Counts, once, the settled projects a store written before the sums holds: every settled project of
    /// the search index, in keyset pages of <paramref name="pageSize"/>, its parts written from its grain's
    /// state (read again after the write until unchanged, so a change made meanwhile, whose own projection
    /// may have written first, is what stays), then a done row. Idempotent, so an interrupted run is run
    /// again. Returns how many projects this call counted.
    /// </summary>
    public async Task<long> BackfillAsync(int pageSize = 500, CancellationToken cancellationToken = default)
    {
        if (await rows.GetAsync(Collection, Backfill, BackfillVersion, cancellationToken) is not null) return 0;
        long counted = 0;
        SettledCursor? after = null;
        while (true)
        {
            var page = await search.ReadSettledAsync(new SettledQuery(After: after, Take: pageSize), cancellationToken);
            if (page.Hits.Count == 0) break;
            foreach (var chunk in page.Hits.Chunk(16))
                await Task.WhenAll(chunk.Select(h => CountAsync(h.Id, cancellationToken)));
            counted += page.Hits.Count;
            if (page.Hits.Count < pageSize) break;
            after = page.Next;
        }

        await rows.WriteAsync(Collection, [RowWrite.Put(Backfill, BackfillVersion, BackfillVersion, "{}")], cancellationToken);
        return counted;
    }

    private async Task CountAsync(Guid id, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IProjectGrain>(id);
        IReadOnlyDictionary<string, decimal>? written = null;
        // Bounded: a project that keeps changing under the backfill is left to its own projection after a few rounds.
        for (var round = 0; round < 4; round++)
        {
            if (await grain.GetIndexView() is not { } view) return;
            var parts = PartsOf(view.Project, view.Settlement);
            if (written is not null && Same(written, parts)) return;
            await rows.ContributeAsync(Collection, RowBodies.Id(id), parts, cancellationToken);
            written = parts;
        }
    }

    private static bool Same(IReadOnlyDictionary<string, decimal> a, IReadOnlyDictionary<string, decimal> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);
}
