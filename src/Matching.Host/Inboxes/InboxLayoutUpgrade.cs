using Matching.Domain.Geography;
using Matching.Grains.Inboxes;

namespace Matching.Host.Inboxes;

/// <summary>
/// Runs the one-time rewrite of inbox rows stored before they were ordered by arrival and tagged with
/// their project's status (<see cref="InboxLayout"/>) once the host has started (it asks project grains
/// for their status, so the silo must be up). Until it finishes, such rows show in an inbox read without
/// a status filter only. A failed run is logged and tried again at the next start.
/// </summary>
public sealed partial class InboxLayoutUpgrade(InboxLayout layout, Province province, IHostApplicationLifetime lifetime, ILogger<InboxLayoutUpgrade> logger) : IHostedService
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Completes when the run at this start has finished (or failed).</summary>
    public Task Completion => _done.Task;

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = RunAsync());
        return Task.CompletedTask;
    }

    Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    private async Task RunAsync()
    {
        try
        {
            var moved = await layout.UpgradeAsync([.. province.Counties.Select(c => c.Adcode)], cancellationToken: _stopping.Token);
            if (moved > 0) LogUpgraded(moved);
            _done.TrySetResult();
        }
        catch (Exception error)
        {
            if (!_stopping.IsCancellationRequested) LogFailed(error);
            _done.TrySetException(error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "County inboxes: {Rows} rows stored before the arrival order and status tags rewritten once")]
    private partial void LogUpgraded(long rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "County inboxes: the one-time rewrite of earlier rows failed; the next start tries again")]
    private partial void LogFailed(Exception error);

    /// <summary>Registers the upgrade.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<InboxLayoutUpgrade>();
        services.AddHostedService(s => s.GetRequiredService<InboxLayoutUpgrade>());
    }
}
