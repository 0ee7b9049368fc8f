using System.Threading.Channels;
using Matching.Contracts.Access;
using Matching.Contracts.Persistence;
using Matching.Grains.Persistence;

namespace Matching.Grains.Access;

/// <summary>
/// The audit trail of sensitive reads (a project's investor revealed to a county): appended, a row per
/// reveal, never a row rewritten per read. Reveals arriving together are written in one batch; each
/// caller still waits until its own reveal is stored, so no reveal is answered unrecorded.
/// </summary>
public sealed class RevealAudit : IAsyncDisposable
{
    internal const string Collection = "investor-reveals";
    private const int MaxBatch = 500;

    private readonly IRowStore _rows;
    private readonly Channel<(RowWrite Write, TaskCompletionSource Stored)> _queue =
        Channel.CreateUnbounded<(RowWrite, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public RevealAudit(IRowStore rows)
    {
        _rows = rows;
        _writer = Task.Run(WriteLoop);
    }

    /// <summary>Records one reveal; completes once it is stored.</summary>
    public Task RecordAsync(Guid project, string actor, DateTimeOffset at)
    {
        var body = RowBodies.Write(new AuditEntry(actor, at));
        var write = RowWrite.Append(RowBodies.Id(project), Guid.CreateVersion7(at).ToString("N"), RowBodies.Number(at.UtcTicks), body);
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((write, stored))) throw new ObjectDisposedException(nameof(RevealAudit));
        return stored.Task;
    }

    /// <summary>A page of a project's reveals, oldest first, and their number.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, long Total)> ReadAsync(Guid project, int skip, int take, CancellationToken cancellationToken = default)
    {
        var page = await _rows.PageAsync(Collection, RowBodies.Id(project), new RowQuery(Skip: skip, Take: take), cancellationToken);
        return ([.. page.Rows.Select(r => RowBodies.Read<AuditEntry>(r.Body))], page.Total);
    }

    private async Task WriteLoop()
    {
        var batch = new List<(RowWrite Write, TaskCompletionSource Stored)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                await _rows.WriteAsync(Collection, [.. batch.Select(b => b.Write)]).ConfigureAwait(false);
                foreach (var item in batch) item.Stored.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var item in batch) item.Stored.TrySetException(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
