using Matching.Contracts.Live;
using Microsoft.AspNetCore.SignalR;

namespace Matching.Host.Live;

/// <summary>This host's receiver of live events: sends each to its own connections in the event's stream (group).</summary>
public sealed class LiveHub(IHubContext<MatchingHub> hub) : ILiveHub
{
    public async Task Deliver(IReadOnlyList<LiveEvent> events)
    {
        foreach (var e in events) await hub.Clients.Group(e.Stream).SendAsync(Client.LiveHubProtocol.Event, MatchingHub.ToMessage(e));
    }
}

/// <summary>
/// Registers this host's <see cref="LiveHub"/> with the directory at start and then periodically
/// (observers are not durable: a directory that moved silos learns of the host again), and
/// unregisters on shutdown.
/// </summary>
public sealed partial class LiveHubRegistration(IGrainFactory grains, LiveHub hub, ILogger<LiveHubRegistration> logger) : IHostedService, IAsyncDisposable
{
    private readonly string _hostId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly CancellationTokenSource _stopping = new();
    private ILiveHub? _reference;
    private Task _loop = Task.CompletedTask;

    private ILiveHubDirectoryGrain Directory => grains.GetGrain<ILiveHubDirectoryGrain>(0);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = grains.CreateObjectReference<ILiveHub>(hub);
        await Directory.Register(_hostId, _reference);
        _loop = Refresh(_stopping.Token);
    }

    private async Task Refresh(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Grains.Live.LiveHubDirectoryGrain.RegistrationInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false) is true)
        {
            try
            {
                await Directory.Register(_hostId, _reference!);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRegisterFailed(e);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await Directory.Unregister(_hostId).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception e)
        {
            LogUnregisterFailed(e);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        if (_reference is not null) grains.DeleteObjectReference<ILiveHub>(_reference);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the live hub failed; retrying")]
    private partial void LogRegisterFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unregistering the live hub failed; the directory drops it when it stops refreshing")]
    private partial void LogUnregisterFailed(Exception error);
}
