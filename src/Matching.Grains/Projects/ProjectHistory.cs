using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Decisions;
using Matching.Domain.Projects;
using Matching.Grains.Persistence;

namespace Matching.Grains.Projects;

/// <summary>
/// A project's append-only history and its decision records, a row per entry (never in the project's
/// grain row). Appending an entry again is a no-op, so the outbox may resend after a crash.
/// </summary>
public sealed class ProjectHistory(IRowStore rows)
{
    internal const string Collection = "project-history", DecisionCollection = "project-decisions";

    /// <summary>Stores the entries (and the decisions they carry).</summary>
    public async Task AppendAsync(Guid project, IReadOnlyList<ProjectEvent> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0) return;
        await rows.WriteAsync(Writes(project, entries), cancellationToken);
    }

    /// <summary>The writes that append the entries and the decisions they carry (to store with other rows in one transaction).</summary>
    public static IReadOnlyList<RowBatch> Writes(Guid project, IReadOnlyList<ProjectEvent> entries)
    {
        var partition = RowBodies.Id(project);
        var decisions = entries.Where(e => e.Decision is not null).ToArray();
        RowBatch history = new(Collection, [.. entries.Select(e => RowWrite.Append(partition, RowBodies.Number(e.Sequence), RowBodies.Number(e.Sequence), RowBodies.Write(e)))]);
        return decisions.Length == 0
            ? [history]
            : [history, new RowBatch(DecisionCollection, [.. decisions.Select(e => RowWrite.Append(partition, RowBodies.Number(e.Sequence), RowBodies.Number(e.Sequence), RowBodies.Write(e.Decision)))])];
    }

    /// <summary>One page of the history: entries after <see cref="HistoryQuery.After"/> (a sequence) in the order asked.</summary>
    public async Task<HistoryPage> ReadAsync(Guid project, HistoryQuery query, CancellationToken cancellationToken = default)
    {
        var after = query.After is { } sequence ? new RowCursor(RowBodies.Number(sequence), RowBodies.Number(sequence)) : null;
        var page = await rows.PageAsync(Collection, RowBodies.Id(project), new RowQuery(after, 0, query.Take, query.NewestFirst), cancellationToken);
        return new HistoryPage([.. page.Rows.Select(r => RowBodies.Read<ProjectEvent>(r.Body))], page.Total);
    }

    /// <summary>The decisions made on the project, oldest first (at most <paramref name="take"/>).</summary>
    public async Task<IReadOnlyList<Decision>> DecisionsAsync(Guid project, int take, CancellationToken cancellationToken = default)
    {
        var page = await rows.PageAsync(DecisionCollection, RowBodies.Id(project), new RowQuery(Take: take), cancellationToken);
        return [.. page.Rows.Select(r => RowBodies.Read<Decision>(r.Body))];
    }

    /// <summary>Projects whose history has grown since <paramref name="since"/>: what a projection written before then may be missing.</summary>
    public async Task<IReadOnlyList<Guid>> ChangedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        [.. (await rows.PartitionsWrittenSinceAsync(Collection, since, cancellationToken)).Select(p => Guid.ParseExact(p, "N"))];
}
