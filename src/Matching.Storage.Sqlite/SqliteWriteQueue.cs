using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Matching.Storage.Sqlite;

/// <summary>
/// Group commit for one SQLite file: writes from every caller are queued and run together in one
/// transaction, so under load many writes share one fsync, and a quiet file commits each write at
/// once. A write that fails inside a batch does not fail the others: the batch is rolled back and
/// each of its writes runs again in a transaction of its own. A write's effects outside the database
/// belong after the returned task completes, when its transaction is committed.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    /// <summary>Most queued writes committed in one transaction.</summary>
    private const int MaxBatch = 256;

    private readonly Func<CancellationToken, Task<SqliteConnection>> _open;
    private readonly Channel<IWrite> _queue = Channel.CreateUnbounded<IWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    // The writer keeps its connection between batches (opened once, its pragmas set once); a batch that fails drops it.
    private SqliteConnection? _connection;

    public SqliteWriteQueue(Func<CancellationToken, Task<SqliteConnection>> open)
    {
        _open = open;
        _writer = Task.Run(WriteLoop);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction shared with other queued writes; completes once that transaction is committed.</summary>
    public Task<T> Enqueue<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work)
    {
        var write = new Write<T>(work);
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(nameof(SqliteWriteQueue));
        return write.Done.Task;
    }

    private async Task WriteLoop()
    {
        var batch = new List<IWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var write in batch)
                {
                    try
                    {
                        await CommitAsync([write]).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        write.Fail(e);
                    }
                }
            }
            catch (Exception e)
            {
                batch[0].Fail(e);
            }
        }
    }

    private async Task CommitAsync(IReadOnlyList<IWrite> batch)
    {
        var connection = _connection ??= await _open(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync().ConfigureAwait(false);
            foreach (var write in batch) await write.RunAsync(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        foreach (var write in batch) write.Complete();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        if (_connection is { } connection) await connection.DisposeAsync().ConfigureAwait(false);
        _connection = null;
    }

    private interface IWrite
    {
        Task RunAsync(SqliteConnection connection, SqliteTransaction transaction);
        void Complete();
        void Fail(Exception error);
    }

    private sealed class Write<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work) : IWrite
    {
        private T _result = default!;

        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction) => _result = await work(connection, transaction);

        public void Complete() => Done.TrySetResult(_result);

        public void Fail(Exception error) => Done.TrySetException(error);
    }
}
