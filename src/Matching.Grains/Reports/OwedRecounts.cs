using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Grains.Persistence;

namespace Matching.Grains.Reports;

/// <summary>
/// Recounts of the ledger sums that a write of the agreement book still owes. Each write stores, in its
/// own transaction, a row per write (keyed by the project and a token of its own) saying its recount is
/// owed; the row goes once a recount that started after it has gone through. A recount that fails (the
/// caller sees the failure) therefore leaves its row, and <see cref="RepairAsync"/> (at start and every few
/// minutes, <see cref="Matching.Grains.Reports.CountyYearLedgers"/>) recounts what is left, in keyset pages, so the
/// sums do not stay behind an agreement that is never written again. Rows exist only while a recount is
/// owed: they do not grow with use.
/// </summary>
public sealed class OwedRecounts(IRowStore rows, IGrainFactory grains)
{
    internal const string Collection = "agreement-recount-owed";
    private const string Partition = "owed";

    /// <summary>The row saying the project's recount is owed, to write with the change.</summary>
    public static RowWrite Owed(Guid project, out string key)
    {
        key = $"{RowBodies.Id(project)}|{Guid.NewGuid():N}";
        return RowWrite.Put(Partition, key, key, "{}");
    }

    /// <summary>Recounts the project (in its grain, one at a time), then clears the row written with the change.</summary>
    public async Task RecountAsync(Guid project, string key, CancellationToken cancellationToken = default)
    {
        await grains.GetGrain<IAgreementCreditsGrain>(project).Recount().WaitAsync(cancellationToken);
        await rows.WriteAsync(Collection, [RowWrite.Delete(Partition, key)], cancellationToken);
    }

    /// <summary>
    /// Recounts every owed project, in keyset pages of <paramref name="pageSize"/>; a recount that fails
    /// again stays owed for the next sweep. Returns how many owed recounts went through.
    /// </summary>
    public async Task<long> RepairAsync(int pageSize = 200, CancellationToken cancellationToken = default)
    {
        long repaired = 0;
        RowCursor? after = null;
        while (true)
        {
            var page = await rows.PageAsync(Collection, Partition, new RowQuery(after, 0, pageSize, Counted: false), cancellationToken);
            if (page.Rows.Count == 0) return repaired;
            foreach (var row in page.Rows)
            {
                try
                {
                    await RecountAsync(Guid.ParseExact(row.Key.AsSpan(0, 32), "N"), row.Key, cancellationToken);
                    repaired++;
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // Still owed: the next sweep tries again.
                }
            }

            if (page.Rows.Count < pageSize) return repaired;
            after = new RowCursor(page.Rows[^1].Sort, page.Rows[^1].Key);
        }
    }
}
