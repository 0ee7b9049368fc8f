using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Agreements;
using Matching.Domain.Decisions;
using Matching.Grains.Persistence;

namespace Matching.Grains.Agreements;

/// <summary>
/// Benefit-sharing agreements in the row store: one row per agreement (one per project), the realised
/// figures a row per (agreement, year), the settlements a row per (agreement, year). Nothing here sits
/// in a grain row, and nothing grows within a row: a new year is a new row. Each write of an agreement or
/// of a year's figures is followed by a recount of the project's credits in the yearly report's ledger
/// sums (<see cref="IAgreementCreditsGrain"/>); should it fail, the write's caller fails, and the recount
/// stays owed (<see cref="Reports.OwedRecounts"/>) until a retry or the next sweep goes through.
/// </summary>
public sealed class AgreementBook(IRowStore rows, Reports.OwedRecounts recounts)
{
    internal const string Collection = "agreements", FiguresCollection = "agreement-figures", SettlementsCollection = "agreement-settlements",
        SupersededCollection = "agreement-superseded";

    // Every agreement in one partition: the list of agreements pages over it (sorted by project).
    internal const string All = "all";

    /// <summary>The project's agreement, or null.</summary>
    public async Task<Agreement?> GetAsync(Guid project, CancellationToken cancellationToken = default) =>
        await rows.GetAsync(Collection, All, RowBodies.Id(project), cancellationToken) is { } row ? RowBodies.Read<Agreement>(row.Body) : null;

    /// <summary>Stores an agreement (replacing the project's earlier one).</summary>
    public async Task PutAsync(Agreement agreement, CancellationToken cancellationToken = default)
    {
        var owed = Reports.OwedRecounts.Owed(agreement.ProjectId, out var key);
        await rows.WriteAsync(
            [
                new RowBatch(Collection, [RowWrite.Put(All, RowBodies.Id(agreement.ProjectId), agreement.MadeAt.ToString("O"), RowBodies.Write(agreement))]),
                new RowBatch(Reports.OwedRecounts.Collection, [owed]),
            ], cancellationToken);
        await recounts.RecountAsync(agreement.ProjectId, key, cancellationToken);
    }

    /// <summary>
    /// Brings the project's agreement in line with the decision in force (<see cref="AgreementDrafts.Follow"/>):
    /// a co-build drafts one, a change of parties supersedes it. Harmless to repeat for the same decision.
    /// </summary>
    /// <returns>The project's agreement afterwards, or null.</returns>
    public async Task<Agreement?> FollowAsync(Decision decision, Decision? previous, (Guid Id, string Title) project, CancellationToken cancellationToken = default)
    {
        var standing = await GetAsync(project.Id, cancellationToken);
        var change = AgreementDrafts.Follow(standing, decision, previous, project);
        // The superseded one first: should the second write fail, a repeat finds the standing one and does it again.
        if (change.Superseded is { } superseded)
            await rows.WriteAsync(SupersededCollection,
                [RowWrite.Put(RowBodies.Id(project.Id), RowBodies.Number(superseded.DecisionVersion), superseded.MadeAt.ToString("O"), RowBodies.Write(superseded))], cancellationToken);
        if (change.Put is { } put) await PutAsync(put, cancellationToken);
        return change.Put ?? standing;
    }

    /// <summary>The project's superseded agreements that a later one replaced, oldest first.</summary>
    public async Task<IReadOnlyList<Agreement>> SupersededAsync(Guid project, int take, CancellationToken cancellationToken = default)
    {
        var page = await rows.PageAsync(SupersededCollection, RowBodies.Id(project), new RowQuery(Skip: 0, Take: take), cancellationToken);
        return [.. page.Rows.Select(r => RowBodies.Read<Agreement>(r.Body))];
    }

    /// <summary>A page of every agreement, oldest first, and the total.</summary>
    public async Task<(IReadOnlyList<Agreement> Agreements, long Total)> PageAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        var page = await rows.PageAsync(Collection, All, new RowQuery(Skip: skip, Take: take), cancellationToken);
        return ([.. page.Rows.Select(r => RowBodies.Read<Agreement>(r.Body))], page.Total);
    }

    /// <summary>Replaces the figures recorded for a year.</summary>
    public async Task PutFiguresAsync(Guid project, int year, IReadOnlyList<RealisedAmount> amounts, CancellationToken cancellationToken = default)
    {
        var owed = Reports.OwedRecounts.Owed(project, out var key);
        await rows.WriteAsync(
            [
                new RowBatch(FiguresCollection, [RowWrite.Put(RowBodies.Id(project), Year(year), Year(year), RowBodies.Write(amounts))]),
                new RowBatch(Reports.OwedRecounts.Collection, [owed]),
            ], cancellationToken);
        await recounts.RecountAsync(project, key, cancellationToken);
    }

    /// <summary>The figures recorded for a year (none when nothing was recorded).</summary>
    public async Task<IReadOnlyList<RealisedAmount>> FiguresAsync(Guid project, int year, CancellationToken cancellationToken = default) =>
        await rows.GetAsync(FiguresCollection, RowBodies.Id(project), Year(year), cancellationToken) is { } row
            ? RowBodies.Read<RealisedAmount[]>(row.Body)
            : [];

    /// <summary>Sets a year's settlement.</summary>
    public Task PutSettlementAsync(Guid project, Settlement settlement, CancellationToken cancellationToken = default) =>
        rows.WriteAsync(SettlementsCollection,
            [RowWrite.Put(RowBodies.Id(project), Year(settlement.Year), Year(settlement.Year), RowBodies.Write(settlement))], cancellationToken);

    /// <summary>A year's settlement; a year nobody set is due.</summary>
    public async Task<Settlement> SettlementAsync(Guid project, int year, CancellationToken cancellationToken = default) =>
        await rows.GetAsync(SettlementsCollection, RowBodies.Id(project), Year(year), cancellationToken) is { } row
            ? RowBodies.Read<Settlement>(row.Body)
            : Settlement.Unset(year);

    private static string Year(int year) => year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
}
