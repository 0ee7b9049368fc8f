using Npgsql;

namespace Matching.Storage.PostgreSql;

/// <summary>One statement of a write: its SQL and its parameters, in order ($1, $2, …).</summary>
/// <param name="Sql">The statement.</param>
/// <param name="Parameters">Its parameters; copied into each attempt, so one write can be sent again on its own.</param>
public sealed record PostgreSqlStatement(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

/// <summary>
/// Group commit for a host's writes to PostgreSQL (row projections and live-event appends of every
/// grain): a write that arrives while a batch is being committed waits, and goes with every other write
/// that waited in the next batch, one <see cref="NpgsqlBatch"/>: one round trip, one implicit transaction,
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
/// </remarks>
public sealed class PostgreSqlCommitQueue(NpgsqlDataSource dataSource)
{
    /// <summary>Statements per batch at most; a larger backlog goes in the batches after.</summary>
    public const int MaxStatements = 2_000;

    private readonly Lock _gate = new();
    private List<Write> _waiting = [];
    private bool _committing;

    /// <summary>Commits <paramref name="statements"/> in one transaction (with whatever else is waiting); returns each one's rows affected.</summary>
    public Task<int[]> CommitAsync(IReadOnlyList<PostgreSqlStatement> statements, CancellationToken cancellationToken = default)
    {
        if (statements.Count == 0) return Task.FromResult(Array.Empty<int>());
        var write = new Write(statements, new TaskCompletionSource<int[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _waiting.Add(write);
            start = !_committing;
            _committing = true;
        }

        // The first writer to find the queue idle commits until nobody waits; the others only wait.
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
                    _committing = false;
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
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            foreach (var parameter in statement.Parameters) command.Parameters.Add(parameter.Clone());
            batch.BatchCommands.Add(command);
        }

        // Several statements in one batch run in one implicit transaction: all or nothing.
        await batch.ExecuteNonQueryAsync();
        var affected = new int[batch.BatchCommands.Count];
        for (var i = 0; i < affected.Length; i++) affected[i] = batch.BatchCommands[i].RecordsAffected;
        return affected;
    }

    private sealed record Write(IReadOnlyList<PostgreSqlStatement> Statements, TaskCompletionSource<int[]> Committed);
}
