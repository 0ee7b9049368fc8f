using Npgsql;

namespace Matching.Storage.PostgreSql;

/// <summary>One statement of a write: its SQL and its parameters, in order ($1, $2, …).</summary>
/// <param name="Sql">The statement.</param>
/// <param name="Parameters">Its parameters; copied into each attempt, so one write can be sent again on its own.</param>
public sealed record PostgreSqlStatement(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    /// <summary>
    /// The <c>matching_tally</c> row (collection, tally) the statement counts in, if it does: a row that many
    /// writes update (a county's yearly bid count), whose lock the queue takes in one order for all of a batch.
    /// </summary>
    public (string Collection, string Tally)? Counts { get; init; }
}

/// <summary>
/// Group commit for a host's writes to PostgreSQL (row projections and live-event appends of every
/// grain): a write that arrives while every committer is busy with a batch waits, and goes with every other
/// write that waited in the next batch, one <see cref="NpgsqlBatch"/>: one round trip, one implicit transaction,
/// one commit (one WAL flush with <c>fsync=on</c>) for all of them. Under load a bid's writes then cost a
/// share of a round trip instead of a round trip each, and the server commits a few times per batch of
/// bids instead of several times per bid. Each write still returns only once it is committed.
/// </summary>
/// <remarks>
/// A batch is all or nothing, so one write's failure (a live-event position taken) would fail the others
/// that shared its batch: when a batch of several writes fails, each is sent again on its own, and only
/// the write that fails alone sees the error. Writes of one caller keep their order (a caller waits for
/// each before its next); the statements the queue carries are idempotent or fail as a whole, so sending a
/// rolled-back write again is safe.
/// <para>
/// Up to <see cref="InFlight"/> batches are committed at once, on as many connections: a write that arrives
/// while one batch is on its way goes out at once in a second, instead of waiting for the first to come back
/// (measured on PostgreSQL: a bid waited as long in the queue as its batch took to commit, for each of its
/// three writes in a row). Batches in flight together may count in the same tallies; each batch first locks
/// the tally rows it counts in, in one order (collection, tally), so two never wait for each other the other
/// way round. Grain rows and live-event positions are written by one caller at a time, so no two batches in
/// flight hold the same; should PostgreSQL still pick a batch as a deadlock victim, its writes are sent again
/// one by one as for any failed batch. The ordered lock runs whatever <see cref="InFlight"/> is: another host's
/// batches count in the same tallies, so one batch in flight per host is no guard against crossing orders.
/// </para>
/// </remarks>
public sealed class PostgreSqlCommitQueue(NpgsqlDataSource dataSource, int inFlight = PostgreSqlCommitQueue.DefaultInFlight)
{
    /// <summary>Statements per batch at most; a larger backlog goes in the batches after.</summary>
    public const int MaxStatements = 2_000;

    /// <summary>Batches committed at once unless the host says otherwise.</summary>
    public const int DefaultInFlight = 2;

    // Inserts the tallies a batch counts in that do not exist yet (at 0) and locks them all, sorted, before
    // any other statement of the batch touches one: every batch takes its tally locks in the same order.
    private const string LockTallies = """
        INSERT INTO matching_tally (collection, tally, count)
        SELECT collection, tally, 0 FROM unnest($1::text[], $2::text[]) AS t(collection, tally) ORDER BY collection COLLATE "C", tally COLLATE "C"
        ON CONFLICT (collection, tally) DO UPDATE SET count = matching_tally.count
        """;

    private readonly Lock _gate = new();
    private readonly int _inFlight = inFlight >= 1 ? inFlight : throw new ArgumentOutOfRangeException(nameof(inFlight), inFlight, "At least one batch must be allowed in flight.");
    private List<Write> _waiting = [];
    private int _committing;

    /// <summary>Batches committed at once at most.</summary>
    public int InFlight => _inFlight;

    /// <summary>Commits <paramref name="statements"/> in one transaction (with whatever else is waiting); returns each one's rows affected.</summary>
    public Task<int[]> CommitAsync(IReadOnlyList<PostgreSqlStatement> statements, CancellationToken cancellationToken = default)
    {
        if (statements.Count == 0) return Task.FromResult(Array.Empty<int>());
        var write = new Write(statements, new TaskCompletionSource<int[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _waiting.Add(write);
            start = _committing < _inFlight;
            if (start) _committing++;
        }

        // A writer that finds a committer free starts one, which commits until nobody waits; the others only wait.
        if (start) _ = Task.Run(CommitWaiting, CancellationToken.None);
        return write.Committed.Task.WaitAsync(cancellationToken);
    }

    private async Task CommitWaiting()
    {
        while (true)
        {
            List<Write> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _committing--;
                    return;
                }

                batch = Take();
            }

            await Commit(batch);
        }
    }

    /// <summary>The waiting writes, in arrival order, up to <see cref="MaxStatements"/> (at least one); called under the gate.</summary>
    private List<Write> Take()
    {
        var (taken, statements) = (0, 0);
        while (taken < _waiting.Count && (taken == 0 || statements + _waiting[taken].Statements.Count <= MaxStatements))
            statements += _waiting[taken++].Statements.Count;
        var batch = _waiting.GetRange(0, taken);
        _waiting.RemoveRange(0, taken);
        return batch;
    }

    private async Task Commit(List<Write> batch)
    {
        try
        {
            var affected = await Execute(batch.SelectMany(w => w.Statements));
            var at = 0;
            foreach (var write in batch)
            {
                write.Committed.TrySetResult(affected[at..(at + write.Statements.Count)]);
                at += write.Statements.Count;
            }
        }
        catch (Exception error)
        {
            if (batch.Count == 1)
            {
                batch[0].Committed.TrySetException(error);
                return;
            }

            // Nothing of the batch was committed: each write again on its own, so that only a failing one fails.
            foreach (var write in batch)
            {
                try
                {
                    write.Committed.TrySetResult(await Execute(write.Statements));
                }
                catch (Exception own)
                {
                    write.Committed.TrySetException(own);
                }
            }
        }
    }

    private async Task<int[]> Execute(IEnumerable<PostgreSqlStatement> statements)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        var list = statements as IReadOnlyList<PostgreSqlStatement> ?? [.. statements];
        var tallies = list.Where(s => s.Counts is not null).Select(s => s.Counts!.Value).Distinct().ToArray();
        var skip = 0;
        if (tallies.Length > 0)
        {
            var locks = batch.CreateBatchCommand();
            locks.CommandText = LockTallies;
            locks.Parameters.Add(new NpgsqlParameter { Value = tallies.Select(t => t.Collection).ToArray() });
            locks.Parameters.Add(new NpgsqlParameter { Value = tallies.Select(t => t.Tally).ToArray() });
            batch.BatchCommands.Add(locks);
            skip = 1;
        }

        foreach (var statement in list)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            foreach (var parameter in statement.Parameters) command.Parameters.Add(parameter.Clone());
            batch.BatchCommands.Add(command);
        }

        // Several statements in one batch run in one implicit transaction: all or nothing.
        await batch.ExecuteNonQueryAsync();
        var affected = new int[batch.BatchCommands.Count - skip];
        for (var i = 0; i < affected.Length; i++) affected[i] = batch.BatchCommands[i + skip].RecordsAffected;
        return affected;
    }

    private sealed record Write(IReadOnlyList<PostgreSqlStatement> Statements, TaskCompletionSource<int[]> Committed);
}
