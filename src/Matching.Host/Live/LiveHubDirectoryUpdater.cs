using Matching.Contracts.Live;
using Matching.Grains.Live;
using Orleans.Runtime;

namespace Matching.Host.Live;

/// <summary>
/// Registers this host's <see cref="RemoteLiveHub"/> under its silo's address with the
/// <see cref="ILiveHubDirectoryGrain"/> at start and then every
/// <see cref="LiveHubDirectoryGrain.RegistrationInterval"/> (GPSTracker's <c>HubListUpdater</c>: the
/// directory keeps nothing in storage, so one that moved silos learns of the host again), and
/// unregisters on shutdown. A host that dies without unregistering is dropped when cluster membership
/// declares its silo dead.
/// </summary>
public sealed partial class LiveHubDirectoryUpdater(
    IGrainFactory grains, ILocalSiloDetails silo, RemoteLiveHub hub, ILogger<LiveHubDirectoryUpdater> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private IRemoteLiveHub? _reference;
    private Task _loop = Task.CompletedTask;

    private ILiveHubDirectoryGrain Directory => grains.GetGrain<ILiveHubDirectoryGrain>(0);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Registered before the host serves: a client that connects at once gets pushed events.
        _reference = grains.CreateObjectReference<IRemoteLiveHub>(hub);
        await Directory.Register(silo.SiloAddress, _reference);
        _loop = Refresh(_stopping.Token);
    }

    private async Task Refresh(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(LiveHubDirectoryGrain.RegistrationInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await Directory.Register(silo.SiloAddress, _reference!);
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
            await Directory.Unregister(silo.SiloAddress).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception e)
        {
            LogUnregisterFailed(e);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        if (_reference is not null) grains.DeleteObjectReference<IRemoteLiveHub>(_reference);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the live hub failed; retrying")]
    private partial void LogRegisterFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unregistering the live hub failed; the directory drops it once the silo has left the cluster")]
    private partial void LogUnregisterFailed(Exception error);
}
