using Matching.Contracts.Persistence;
using Matching.Domain.Evidence;
using Matching.Grains.Persistence;

namespace Matching.Grains.Counties;

/// <summary>
/// What accumulates around counties' declared evidence, a row each in one collection: each county's audit
/// trail (partition = adcode, appended, never edited) and the coordinators' verification queue (partition
/// <see cref="Queue"/>, a row per item awaiting review, removed when reviewed).
/// </summary>
public sealed class CountyEvidenceRows(IRowStore rows)
{
    internal const string Collection = "county-evidence";

    /// <summary>The partition of items awaiting review.</summary>
    public const string Queue = "queue";

    /// <summary>Applies a county's writes in one transaction (idempotent: may be sent again after a crash).</summary>
    public Task WriteAsync(IReadOnlyList<RowWrite> writes, CancellationToken cancellationToken = default) =>
        writes.Count == 0 ? Task.CompletedTask : rows.WriteAsync(Collection, writes, cancellationToken);

    /// <summary>The row appending one audit entry.</summary>
    public static RowWrite Audit(string adcode, EvidenceAuditEntry entry) =>
        RowWrite.Append(adcode, RowBodies.Number(entry.Sequence), RowBodies.Number(entry.Sequence), RowBodies.Write(entry));

    /// <summary>The row putting an item in the queue (ordered by when it was declared).</summary>
    public static RowWrite Enqueue(string adcode, DeclaredEvidence item) =>
        RowWrite.Put(Queue, QueueKey(adcode, item.Id), item.DeclaredAt.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture),
            RowBodies.Write(new QueuedEvidence(adcode, item)));

    /// <summary>The row taking an item out of the queue.</summary>
    public static RowWrite Dequeue(string adcode, string itemId) => RowWrite.Delete(Queue, QueueKey(adcode, itemId));

    /// <summary>A page of a county's audit trail, newest first unless asked otherwise.</summary>
    public async Task<(IReadOnlyList<EvidenceAuditEntry> Entries, long Total)> AuditAsync(string adcode, long? before, int take, CancellationToken cancellationToken = default)
    {
        var after = before is { } b ? new RowCursor(RowBodies.Number(b), RowBodies.Number(b)) : null;
        var page = await rows.PageAsync(Collection, adcode, new RowQuery(after, 0, take, Descending: true), cancellationToken);
        return ([.. page.Rows.Select(r => RowBodies.Read<EvidenceAuditEntry>(r.Body))], page.Total);
    }

    /// <summary>A page of the verification queue, oldest first, skipping <paramref name="skip"/>.</summary>
    public async Task<(IReadOnlyList<QueuedEvidence> Items, long Total)> QueueAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        var page = await rows.PageAsync(Collection, Queue, new RowQuery(null, skip, take), cancellationToken);
        return ([.. page.Rows.Select(r => RowBodies.Read<QueuedEvidence>(r.Body))], page.Total);
    }

    private static string QueueKey(string adcode, string itemId) => $"{adcode}/{itemId}";
}

/// <summary>An item awaiting review, with its county.</summary>
public sealed record QueuedEvidence(string Adcode, DeclaredEvidence Item);
