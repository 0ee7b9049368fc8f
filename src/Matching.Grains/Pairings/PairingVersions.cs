using Matching.Contracts.Persistence;
using Matching.Domain.JointBids;
using Matching.Grains.Persistence;

namespace Matching.Grains.Pairings;

/// <summary>
/// Every version of every pairing, a row per version (<c>pairing-versions</c>): under the pairing's id, and
/// under <see cref="Province"/> for the province's change log. The pairing grain holds only the pairings in
/// force; what they were before, and the ended ones, are here, read with paging.
/// </summary>
public sealed class PairingVersions(IRowStore rows)
{
    internal const string Collection = "pairing-versions";

    /// <summary>The partition of the province-wide log.</summary>
    internal const string Province = "*";

    /// <summary>
    /// Stores one version under both partitions. A put, not an append: a save whose grain write failed is retried
    /// under the same version number, and its row must then say what that retry stored.
    /// </summary>
    public Task RecordAsync(PairingVersion version, CancellationToken cancellationToken = default)
    {
        var body = RowBodies.Write(version);
        var number = RowBodies.Number(version.Version);
        return rows.WriteAsync(Collection,
        [
            RowWrite.Put(version.PairingId, number, number, body),
            RowWrite.Put(Province, $"{version.PairingId}/{number}", RowBodies.Number(version.At.UtcTicks), body),
        ], cancellationToken);
    }

    /// <summary>A page of one pairing's versions (or, without an id, of every pairing's), newest first, and their number.</summary>
    public async Task<(IReadOnlyList<PairingVersion> Versions, long Total)> ReadAsync(string? pairingId, int skip, int take, CancellationToken cancellationToken = default)
    {
        var page = await rows.PageAsync(Collection, pairingId ?? Province, new RowQuery(Skip: skip, Take: take, Descending: true), cancellationToken);
        return ([.. page.Rows.Select(r => RowBodies.Read<PairingVersion>(r.Body))], page.Total);
    }
}
