using Matching.Grains.Reports;

namespace Matching.Host.Reports;

/// <summary>
/// Sweeps the ledger recounts that failed after a write of the agreement book (<see cref="OwedRecounts"/>):
/// once at start, then every <c>Reports:RecountSweepInterval</c> (default 5 minutes). Every host sweeps; a
/// recount is idempotent, so two hosts recounting one agreement move nothing twice.
/// </summary>
public sealed partial class OwedRecountSweep(OwedRecounts recounts, IConfiguration configuration, ILogger<OwedRecountSweep> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Reports:RecountSweepInterval", TimeSpan.FromMinutes(5));
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                if (await recounts.RepairAsync(cancellationToken: stoppingToken) is var repaired and > 0) LogRepaired(repaired);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Yearly report ledger sums: {Recounts} owed recounts repaired")]
    private partial void LogRepaired(long recounts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Yearly report ledger sums: the sweep of owed recounts failed; the next one tries again")]
    private partial void LogFailed(Exception error);
}
