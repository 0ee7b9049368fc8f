using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Agreements;
using Matching.Grains.Agreements;

namespace Matching.Grains.Reports;

/// <summary>
/// The yearly report's ledger figures per county and year (official and assessment, three indicators),
/// kept as replace-with-difference sums of the row store (<see cref="IRowStore.ContributeAsync"/>): each
/// agreement's credits (<see cref="LedgerCredits"/>) are its parts, keyed by its project, and a recount
/// after any change replaces them and moves the sums by the difference in one transaction. The report
/// reads six keyed sums per county, whatever the number of agreements behind them.
/// </summary>
public sealed class CountyYearLedgers(IRowStore rows, AgreementBook agreements, StageAmounts stages, IGrainFactory grains)
{
    internal const string Collection = "county-ledger";

    /// <summary>Recounts the project's credits from what is stored now (see <see cref="IAgreementCreditsGrain"/>, which serializes the calls).</summary>
    public async Task RecountAsync(Guid project, CancellationToken cancellationToken = default)
    {
        // Agreements are never deleted: a project without one has no parts to replace.
        if (await agreements.GetAsync(project, cancellationToken) is not { } agreement) return;
        var fromStages = await stages.OfAsync(project, cancellationToken);
        var recorded = new Dictionary<int, IReadOnlyList<RealisedAmount>>();
        for (var year = agreement.FirstYear; year <= agreement.LastYear; year++) recorded[year] = await agreements.FiguresAsync(project, year, cancellationToken);
        await rows.ContributeAsync(Collection, Persistence.RowBodies.Id(project), LedgerCredits.Of(agreement, fromStages, y => recorded[y]), cancellationToken);
    }

    /// <summary>The counties' two ledgers of the year, summed over every agreement.</summary>
    public async Task<IReadOnlyDictionary<string, (IndicatorAmounts Official, IndicatorAmounts Assessment)>> ReadAsync(IReadOnlyList<string> counties, int year, CancellationToken cancellationToken = default)
    {
        var sums = await rows.SumsAsync(Collection, [.. counties.SelectMany(c => LedgerCredits.SumsOf(c, year))], cancellationToken);
        return counties.Distinct(StringComparer.Ordinal).ToDictionary(c => c, c => LedgerCredits.Read(sums, c, year), StringComparer.Ordinal);
    }

    private const string Backfill = "_backfill", BackfillVersion = "v1";

    /// <summary>
    /// Counts, once, the agreements a store written before the sums holds: every agreement recounted
    /// (through its grain, so a live change at the same time takes its turn), in keyset pages of
    /// <paramref name="pageSize"/>, then a done row. A recount is idempotent, so an interrupted run is run
    /// again. Returns how many agreements this call recounted.
    /// </summary>
    public async Task<long> BackfillAsync(int pageSize = 500, CancellationToken cancellationToken = default)
    {
        if (await rows.GetAsync(Collection, Backfill, BackfillVersion, cancellationToken) is not null) return 0;
        long recounted = 0;
        RowCursor? after = null;
        while (true)
        {
            var page = await rows.PageAsync(AgreementBook.Collection, AgreementBook.All, new RowQuery(after, 0, pageSize, Counted: false), cancellationToken);
            if (page.Rows.Count == 0) break;
            foreach (var chunk in page.Rows.Chunk(16))
                await Task.WhenAll(chunk.Select(r => grains.GetGrain<IAgreementCreditsGrain>(Guid.ParseExact(r.Key, "N")).Recount()));
            recounted += page.Rows.Count;
            after = new RowCursor(page.Rows[^1].Sort, page.Rows[^1].Key);
        }

        await rows.WriteAsync(Collection, [RowWrite.Put(Backfill, BackfillVersion, BackfillVersion, "{}")], cancellationToken);
        return recounted;
    }
}

/// <summary>Serializes one project's recounts (<see cref="IAgreementCreditsGrain"/>).</summary>
internal sealed class AgreementCreditsGrain(CountyYearLedgers ledgers) : Grain, IAgreementCreditsGrain
{
    public async Task Recount()
    {
        await ledgers.RecountAsync(this.GetPrimaryKey());
        // Nothing to keep between recounts; a later one activates it again (still one at a time).
        DeactivateOnIdle();
    }
}
