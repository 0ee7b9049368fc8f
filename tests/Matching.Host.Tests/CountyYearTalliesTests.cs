using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Grains.Inboxes;
using Matching.Grains.Registry;
using Matching.Grains.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Host.Tests;

/// <summary>
/// The yearly report's pushed and bid-on counts through the real host, on an installation of its own:
/// a store written before the tallies existed, holding more inbox entries of one county than any window
/// of 2,000, is counted in full once at start; replayed marks and a restart count nothing twice; a
/// project published through the API counts one in the county it reached.
/// </summary>
public sealed class CountyYearTalliesTests : IAsyncLifetime
{
    private readonly SeededInstallation _installation = SeededInstallation.OnSqlite();

    [Fact]
    public Task A_county_with_more_than_2000_inbox_entries_is_counted_in_full_once_and_replays_count_nothing() =>
        CountyYearTallyScenario.Run(_installation.Seed, _installation.Host);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _installation.DisposeAsync();
}

/// <summary>The same on PostgreSQL (the cluster profile's row store), on a database of its own.</summary>
public sealed class CountyYearTalliesPostgreSqlTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public Task A_county_with_more_than_2000_inbox_entries_is_counted_in_full_once_and_replays_count_nothing()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var installation = SeededInstallation.OnPostgres(postgres);
        return CountyYearTallyScenario.Run(installation.Seed, installation.Host);
    }
}

/// <summary>What both row stores are put through by a real host.</summary>
internal static class CountyYearTallyScenario
{
    private const string County = "371003"; // 文登区
    private const int ThisYear = 2_300, LastYear = 40, Bids = 2_100;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int Year => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;

    private static async Task<Dictionary<string, decimal>> Figures(HttpClient client, string county, int year)
    {
        var report = (await client.GetFromJsonAsync<JsonObject>($"/api/reports/counties/{county}?year={year}", Ct))!;
        return report["indicators"]!.AsArray().ToDictionary(i => i!["key"]!.GetValue<string>(), i => i!["value"]!.GetValue<decimal>());
    }

    private static async Task<Dictionary<string, decimal>> FitOfEveryCounty(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/reports/counties?year={Year}", Ct))!.ToDictionary(
            r => r!["county"]!.GetValue<string>(),
            r => r!["indicators"]!.AsArray().First(i => i!["key"]!.GetValue<string>() == "fitProjects")!["value"]!.GetValue<decimal>());

    /// <summary>Seeds a store written before the tallies (through <paramref name="seedStore"/>), then runs hosts on it (<paramref name="host"/>).</summary>
    public static async Task Run(Func<Func<IRowStore, Task>, Task> seedStore, Func<MatchingApplication> host)
    {
        // What an installation held before the tallies: inbox rows and a bid list, written as the projections wrote them.
        var now = DateTimeOffset.UtcNow;
        var lastYear = new DateTimeOffset(Year - 1, 7, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var pushed = Enumerable.Range(0, ThisYear).Select(i => new InboxEntry(Guid.NewGuid(), 50 + i % 40, now.AddSeconds(-i)))
            .Concat(Enumerable.Range(0, LastYear).Select(i => new InboxEntry(Guid.NewGuid(), 60, lastYear.AddMinutes(i)))).ToList();
        var bidOn = pushed.Take(Bids).ToList();
        await seedStore(async store =>
        {
            foreach (var chunk in pushed.Chunk(500)) await new CountyInbox(store).WriteAsync([.. chunk.Select(e => CountyInbox.Put(County, e, Matching.Domain.Projects.ProjectStatus.Open))], Ct);
            foreach (var chunk in bidOn.Chunk(500)) await new ProjectLists(store).WriteAsync([.. chunk.Select(e => ProjectLists.Add(ProjectLists.BidOnBy(County), e.ProjectId, e.At))], Ct);
        });

        Dictionary<string, decimal> counted;
        await using (var app = host())
        {
            await app.InitializeAsync();
            var coordinator = app.Coordinator();
            var figures = await Figures(coordinator, County, Year);
            Assert.Equal(ThisYear, figures["fitProjects"]);
            Assert.Equal(Bids, figures["bids"]);
            Assert.Equal(LastYear, (await Figures(coordinator, County, Year - 1))["fitProjects"]);

            // A replayed or retried projection writes the same marks again (and the backfill runs again): nothing counts twice.
            var rows = app.Services.GetRequiredService<IRowStore>();
            await rows.WriteAsync([new RowBatch("county-year", [.. pushed.Take(1_000).Select(e => CountyYearTallies.Mark(CountyYearTallies.Fit, County, e.ProjectId, e.At))
                .Concat(bidOn.Take(1_000).Select(e => CountyYearTallies.Mark(CountyYearTallies.Bids, County, e.ProjectId, e.At)))])], Ct);
            Assert.Equal(0, await app.Services.GetRequiredService<CountyYearTallies>().BackfillAsync([County], cancellationToken: Ct));
            figures = await Figures(coordinator, County, Year);
            Assert.Equal(ThisYear, figures["fitProjects"]);
            Assert.Equal(Bids, figures["bids"]);

            // Through the real write path: a published project counts one where it reached the inbox, its best-fitting county at least.
            var before = await FitOfEveryCounty(coordinator);
            var officer = app.Officer();
            var (id, _) = await officer.CreateProject(ProjectBodies.Valid("年度计数检验项目").With("investment", 45_000).With("landMu", 30).With("energyTce", 200));
            (await officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
            var best = (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/matches?top=1", Ct))!["matches"]!.AsArray()[0]!["county"]!.GetValue<string>();
            var after = await Polling.Eventually(() => FitOfEveryCounty(coordinator), f => f[best] > before[best], TimeSpan.FromSeconds(10));
            Assert.Equal(before[best] + 1, after[best]);
            Assert.All(after, f => Assert.InRange(f.Value - before[f.Key], 0, 1));
            counted = after;
        }

        // A restart marks nothing again: every county's count is what it was.
        await using (var again = host())
        {
            await again.InitializeAsync();
            Assert.Equal(counted, await FitOfEveryCounty(again.Coordinator()));
            Assert.Equal(Bids, (await Figures(again.Coordinator(), County, Year))["bids"]);
        }
    }
}
