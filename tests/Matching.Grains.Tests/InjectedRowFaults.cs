using Matching.Contracts.Persistence;

namespace Matching.Grains.Tests;

/// <summary>The silos' row store, failing the writes of a collection a test names (as a lost database connection would) until it clears it.</summary>
public sealed class InjectedRowFaults(IRowStore rows) : IRowStore
{
    /// <summary>The collection whose writes fail, or null.</summary>
    public static volatile string? Failing;

    /// <summary>The collection whose writes go through but then report a failure (an answer lost with the connection), or null.</summary>
    public static volatile string? LosingAnswers;

    /// <summary>How many answers were lost so far.</summary>
    public static int AnswersLost;

    private static void LoseAnswer(IEnumerable<string> collections)
    {
        if (LosingAnswers is not { } losing || !collections.Contains(losing)) return;
        Interlocked.Increment(ref AnswersLost);
        throw new TimeoutException($"Injected lost answer ({losing}): the write was stored");
    }

    private Task Check(string collection) =>
        Failing == collection ? throw new InvalidOperationException($"Injected row-store fault ({collection})") : Task.CompletedTask;

    public async Task WriteAsync(string collection, IReadOnlyList<RowWrite> writes, CancellationToken cancellationToken = default)
    {
        await Check(collection);
        await rows.WriteAsync(collection, writes, cancellationToken);
        LoseAnswer([collection]);
    }

    public async Task WriteAsync(IReadOnlyList<RowBatch> batches, CancellationToken cancellationToken = default)
    {
        foreach (var batch in batches) await Check(batch.Collection);
        await rows.WriteAsync(batches, cancellationToken);
        LoseAnswer(batches.Select(b => b.Collection));
    }

    public Task<StoredRow?> GetAsync(string collection, string partition, string key, CancellationToken cancellationToken = default) =>
        rows.GetAsync(collection, partition, key, cancellationToken);

    public Task<RowPage> PageAsync(string collection, string partition, RowQuery query, CancellationToken cancellationToken = default) =>
        rows.PageAsync(collection, partition, query, cancellationToken);

    public Task<IReadOnlyList<string>> PartitionsWrittenSinceAsync(string collection, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        rows.PartitionsWrittenSinceAsync(collection, since, cancellationToken);

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => rows.PurgeExpiredAsync(now, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> TalliesAsync(string collection, IReadOnlyList<string> tallies, CancellationToken cancellationToken = default) =>
        rows.TalliesAsync(collection, tallies, cancellationToken);

    public async Task ContributeAsync(string collection, string source, IReadOnlyDictionary<string, decimal> parts, CancellationToken cancellationToken = default)
    {
        await Check(collection);
        await rows.ContributeAsync(collection, source, parts, cancellationToken);
        LoseAnswer([collection]);
    }

    public Task<IReadOnlyDictionary<string, decimal>> SumsAsync(string collection, IReadOnlyList<string> sums, CancellationToken cancellationToken = default) =>
        rows.SumsAsync(collection, sums, cancellationToken);
}
