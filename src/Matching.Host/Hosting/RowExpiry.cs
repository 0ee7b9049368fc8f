using Matching.Contracts.Persistence;

namespace Matching.Host.Hosting;

/// <summary>
/// Deletes expired rows (idempotency keys past their 24 hours) every hour. Readers already ignore them;
/// this only keeps them from accumulating. Every host runs it; deleting twice is harmless.
/// </summary>
public sealed partial class RowExpiry(IRowStore rows, TimeProvider time, ILogger<RowExpiry> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var purged = await rows.PurgeExpiredAsync(time.GetUtcNow(), stoppingToken);
                if (purged > 0) LogPurged(purged);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired rows (idempotency keys)")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired rows failed; readers ignore them, the next hour tries again")]
    private partial void LogFailed(Exception error);
}
