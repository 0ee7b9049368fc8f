using System.Collections.Concurrent;
using System.Threading.Channels;
using Matching.Live.Wire;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Matching.Client;

/// <summary>
/// A live connection that misses nothing and applies nothing twice. It remembers the last sequence
/// applied per stream; an event ahead of it first fetches the gap (<c>Resume</c>), an event at or
/// behind it is a duplicate and is dropped, and after every (re)connect it asks each stream's head
/// and fetches what it missed. <see cref="Events"/> yields each stream in order, exactly once.
/// </summary>
public sealed class LiveConnection : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly Channel<LiveMessage?> _inbox = Channel.CreateUnbounded<LiveMessage?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<LiveMessage> _events = Channel.CreateUnbounded<LiveMessage>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<string, long> _positions;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ConcurrentDictionary<Guid, byte> _watched = new();
    private Task? _pump;
    private long _duplicates;

    /// <param name="hubUrl">The hub's address (<c>https://host/hubs/matching</c>).</param>
    /// <param name="accessToken">Gives the current bearer token (asked again on every reconnect).</param>
    /// <param name="positions">Last sequence applied per stream, from an earlier session.</param>
    /// <param name="configure">Transport options (tests pass a test server's handler, say).</param>
    public LiveConnection(Uri hubUrl, Func<Task<string?>> accessToken, IReadOnlyDictionary<string, long>? positions = null,
        Action<HttpConnectionOptions>? configure = null)
    {
        _positions = new ConcurrentDictionary<string, long>(positions ?? new Dictionary<string, long>());
        _hub = new HubConnectionBuilder()
            .WithUrl(hubUrl, options =>
            {
                options.AccessTokenProvider = accessToken;
                configure?.Invoke(options);
            })
            .WithAutomaticReconnect(new KeepTrying())
            .Build();
        // Handlers run on the receive loop, which must not wait on hub calls: hand over and return.
        _hub.On<LiveMessage>(LiveHubProtocol.Event, message => _inbox.Writer.TryWrite(message));
        _hub.Reconnected += _ =>
        {
            _inbox.Writer.TryWrite(null);
            return Task.CompletedTask;
        };
        _hub.Closed += Restart;
    }

    /// <summary>Every event of the connection's streams, each stream in order, each event once.</summary>
    public ChannelReader<LiveMessage> Events => _events.Reader;

    /// <summary>The last sequence applied per stream: keep it to resume in a later session.</summary>
    public IReadOnlyDictionary<string, long> Positions => _positions;

    /// <summary>Events received that were already applied (recognised by sequence and dropped).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>The underlying connection's state.</summary>
    public HubConnectionState State => _hub.State;

    /// <summary>Connects and catches up on every stream of the identity.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _hub.StartAsync(cancellationToken);
        _pump ??= Task.Run(Pump, CancellationToken.None);
        _inbox.Writer.TryWrite(null);
    }

    /// <summary>
    /// Watches a project's public events from now on (also after reconnecting). Its stream then yields
    /// like the others; a project the user may not see is refused with a <see cref="HubException"/>.
    /// </summary>
    public async Task WatchAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        var head = await _hub.InvokeAsync<StreamHead>(LiveHubProtocol.Watch, projectId, cancellationToken);
        _watched[projectId] = 0;
        // Only what happens from now on: the project itself is read over HTTP.
        _positions.TryAdd(head.Stream, head.LastSequence);
        _inbox.Writer.TryWrite(null);
    }

    /// <summary>Stops watching a project.</summary>
    public async Task UnwatchAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        _watched.TryRemove(projectId, out _);
        await _hub.InvokeAsync(LiveHubProtocol.Unwatch, projectId, cancellationToken);
    }

    /// <summary>Drops the connection without giving up on it (tests: a network cut); it reconnects and catches up.</summary>
    public Task DropAsync() => _hub.StopAsync();

    /// <summary>Waits until a stream has reached a sequence.</summary>
    public async Task WaitForAsync(string stream, long sequence, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!_positions.TryGetValue(stream, out var at) || at < sequence)
            await Task.Delay(20, cancel.Token);
    }

    private async Task Restart(Exception? error)
    {
        // A connection closed for good (token expired, host gone for longer than the retries): start again.
        for (var attempt = 0; !_disposed.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * (1 << Math.Min(attempt, 5)))), _disposed.Token);
                if (_hub.State != HubConnectionState.Disconnected) return;
                await _hub.StartAsync(_disposed.Token);
                _inbox.Writer.TryWrite(null);
                return;
            }
            catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // Host still away: keep trying.
            }
        }
    }

    private async Task Pump()
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync())
        {
            try
            {
                if (message is null) await CatchUp();
                else await Apply(message);
            }
            catch (Exception) when (!_disposed.IsCancellationRequested)
            {
                // The connection went while filling a gap; its reconnect queues another catch-up.
            }
        }
    }

    private async Task Apply(LiveMessage message)
    {
        var position = _positions.GetOrAdd(message.Stream, 0);
        if (message.Sequence > position + 1) await Fill(message.Stream);
        if (message.Sequence <= _positions[message.Stream])
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }

        Deliver(message);
    }

    private async Task CatchUp()
    {
        // A new connection watches nothing yet: watch again what this one watched.
        foreach (var project in _watched.Keys)
        {
            try
            {
                await _hub.InvokeAsync<StreamHead>(LiveHubProtocol.Watch, project, _disposed.Token);
            }
            catch (HubException)
            {
                _watched.TryRemove(project, out _);
            }
        }

        var heads = await _hub.InvokeAsync<StreamHead[]>(LiveHubProtocol.Streams, _disposed.Token);
        foreach (var head in heads)
        {
            if (head.LastSequence > _positions.GetOrAdd(head.Stream, 0)) await Fill(head.Stream);
        }
    }

    private async Task Fill(string stream)
    {
        LivePage page;
        do
        {
            page = await _hub.InvokeAsync<LivePage>(LiveHubProtocol.Resume, stream, _positions.GetOrAdd(stream, 0), _disposed.Token);
            foreach (var message in page.Events)
            {
                if (message.Sequence == _positions[stream] + 1) Deliver(message);
            }
        }
        while (page.More && page.Events.Count > 0);
    }

    private void Deliver(LiveMessage message)
    {
        _positions[message.Stream] = message.Sequence;
        _events.Writer.TryWrite(message);
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        _hub.Closed -= Restart;
        await _hub.DisposeAsync();
        _inbox.Writer.TryComplete();
        if (_pump is not null) await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _events.Writer.TryComplete();
        _disposed.Dispose();
    }

    /// <summary>Reconnects forever: quickly at first, then every 5 seconds.</summary>
    private sealed class KeepTrying : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) =>
            TimeSpan.FromMilliseconds(Math.Min(5000, context.PreviousRetryCount == 0 ? 0 : 250 * (1 << (int)Math.Min(context.PreviousRetryCount, 5))));
    }
}
