using Matching.Contracts;
using Matching.Seeds;

namespace Matching.Host.Seeding;

/// <summary>
/// Loads the Shandong seeds into the grains at start. Idempotent twice over: a store whose ledger holds
/// the same seed fingerprint is skipped entirely, and each grain ignores a seed it already has.
/// </summary>
public sealed partial class SeedLoader(
    IGrainFactory grains,
    ShandongSeeds seeds,
    SeedStatus status,
    TimeProvider time,
    ILogger<SeedLoader> logger) : BackgroundService
{
    /// <summary>The ledger's key: one seed set per store.</summary>
    public const string LedgerKey = "shandong";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var ledger = grains.GetGrain<ISeedLedgerGrain>(LedgerKey);
            if (await ledger.Get() is { } last && last.Fingerprint == seeds.Fingerprint)
            {
                LogAlreadyLoaded(last.Counties, last.Parks, last.CompletedAt);
                status.Complete($"{last.Counties} counties, {last.Parks} parks (loaded {last.CompletedAt:u})");
                return;
            }

            var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stoppingToken };
            var written = 0;
            await Parallel.ForEachAsync(seeds.Parks, parallel, async (park, _) =>
            {
                if (await grains.GetGrain<IParkGrain>(park.Reference.Id).Seed(park) != SeedOutcome.Unchanged)
                    Interlocked.Increment(ref written);
            });
            await Parallel.ForEachAsync(seeds.Counties, parallel, async (county, _) =>
            {
                if (await grains.GetGrain<ICountyGrain>(county.Reference.Adcode).Seed(county) != SeedOutcome.Unchanged)
                    Interlocked.Increment(ref written);
            });

            var record = new SeedRecord(seeds.Fingerprint, seeds.Counties.Count, seeds.Parks.Count, time.GetUtcNow());
            await ledger.Record(record);
            foreach (var phrase in seeds.UnmappedPhrases) LogUnmappedPhrase(phrase);
            LogLoaded(record.Counties, record.Parks, written);
            status.Complete($"{record.Counties} counties, {record.Parks} parks (loaded {record.CompletedAt:u})");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e);
            status.Fail(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeds already loaded: {Counties} counties, {Parks} parks at {CompletedAt}")]
    private partial void LogAlreadyLoaded(int counties, int parks, DateTimeOffset completedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeds loaded: {Counties} counties, {Parks} parks; {Written} grains written")]
    private partial void LogLoaded(int counties, int parks, int written);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Industry phrase not in seeds/industry-phrases.csv: {Phrase}")]
    private partial void LogUnmappedPhrase(string phrase);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the seeds failed")]
    private partial void LogFailed(Exception error);
}
