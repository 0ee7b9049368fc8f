using Matching.Contracts.Persistence;
using Matching.Domain.Compliance;
using Matching.Grains.Persistence;

namespace Matching.Grains.Projects;

/// <summary>
/// Idempotency keys of bids, a row per (project, caller, key), kept for <see cref="Lifetime"/>. A key
/// belongs to the caller who sent it: another caller's same key is another key.
/// </summary>
public sealed class BidKeys(IRowStore rows)
{
    internal const string Collection = "bid-keys";

    /// <summary>How long a key answers a retry.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The row key of a caller's idempotency key.</summary>
    public static string KeyOf(string caller, string key) => caller + "\n" + key;

    /// <summary>A digest of what was sent with a key, to tell a retry from a different request under a reused key.</summary>
    public static string Digest(BidInput input) => RowBodies.Digest(input);

    /// <summary>The write that keeps a key with the bid it placed.</summary>
    public static RowWrite Put(Guid project, BidKey key, DateTimeOffset now) =>
        RowWrite.Put(RowBodies.Id(project), key.Key, RowBodies.Number(now.UtcTicks), RowBodies.Write(key), now + Lifetime);

    /// <summary>Stores keys in one transaction.</summary>
    public Task WriteAsync(IReadOnlyList<RowWrite> writes, CancellationToken cancellationToken = default) =>
        rows.WriteAsync(Collection, writes, cancellationToken);

    /// <summary>The live key, or null.</summary>
    public async Task<BidKey?> FindAsync(Guid project, string key, CancellationToken cancellationToken = default) =>
        await rows.GetAsync(Collection, RowBodies.Id(project), key, cancellationToken) is { } row ? RowBodies.Read<BidKey>(row.Body) : null;
}

/// <summary>A kept idempotency key: who sent it (row key), what was sent, and the bid it placed.</summary>
public sealed record BidKey(string Key, string Digest, PlacedBid Placed);
