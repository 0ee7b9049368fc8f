using Matching.Domain.Geography;
using Matching.Grains.Reports;

namespace Matching.Host.Reports;

/// <summary>
/// Marks, once, what a store written before the yearly tallies existed holds (<see cref="CountyYearTallies.BackfillAsync"/>),
/// then counts its agreements into the ledger sums (<see cref="CountyYearLedgers.BackfillAsync"/>):
/// started in the background when the host starts; a report waits for it to finish, and a failed run is
/// tried again by the next report (the marks are idempotent, so a repeated run counts nothing twice).
/// </summary>
public sealed partial class CountyYearBackfill(CountyYearTallies tallies, CountyYearLedgers ledgers, CountyYearSettlements settlements, Province province, ILogger<CountyYearBackfill> logger) : IHostedService
{
    private readonly Lock _gate = new();
    private Task? _run;

    /// <summary>Completes when the store's tallies cover what it held before they existed.</summary>
    public Task ReadyAsync(CancellationToken cancellationToken)
    {
        Task run;
        lock (_gate)
        {
            if (_run is null || _run.IsFaulted || _run.IsCanceled) _run = RunAsync();
            run = _run;
        }

        return run.WaitAsync(cancellationToken);
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        // Observed here (and logged by the run) so that a failure at start is not an unobserved task.
        _ = ReadyAsync(CancellationToken.None).ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunAsync()
    {
        try
        {
            var marked = await tallies.BackfillAsync([.. province.Counties.Select(c => c.Adcode)]);
            if (marked > 0) LogBackfilled(marked);
            var recounted = await ledgers.BackfillAsync();
            if (recounted > 0) LogLedgersBackfilled(recounted);
            var settled = await settlements.BackfillAsync();
            if (settled > 0) LogSettledBackfilled(settled);
        }
        catch (Exception error)
        {
            LogFailed(error);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Yearly report tallies: {Rows} stored inbox and bid rows marked once")]
    private partial void LogBackfilled(long rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Yearly report ledger sums: {Agreements} stored agreements counted once")]
    private partial void LogLedgersBackfilled(long agreements);

    [LoggerMessage(Level = LogLevel.Information, Message = "Yearly report settled sums: {Projects} settled projects of the index counted once")]
    private partial void LogSettledBackfilled(long projects);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Yearly report tallies: the one-time marking of stored rows failed; the next report tries again")]
    private partial void LogFailed(Exception error);
}

/// <summary>The yearly report's services.</summary>
public static class CountyReportServices
{
    /// <summary>The report's facts, its tallies and their one-time backfill at start.</summary>
    public static IServiceCollection AddCountyReports(this IServiceCollection services)
    {
        services.AddSingleton<ReportFacts>();
        services.AddSingleton<CountyYearTallies>();
        services.AddSingleton<CountyYearBackfill>();
        services.AddHostedService(s => s.GetRequiredService<CountyYearBackfill>());
        services.AddHostedService<OwedRecountSweep>();
        return services;
    }
}
