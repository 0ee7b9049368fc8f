using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Contracts.Persistence;
using Matching.Domain.Agreements;
using Matching.Domain.Reports;
using Matching.Grains.Reports;
using Matching.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Host.Tests;

/// <summary>
/// The yearly report's settled-project figures (placed, led, credited investment, landing funnel,
/// overdue, differentiation) from the per-(county, year) sums, through the real host, against the
/// previous read path (every settled project of the year read from the index, computed in the test):
/// awards, co-builds and confirmed stages written through the API, then revisions, a store whose sums
/// were lost and backfilled, a second backfill and a restart.
/// </summary>
public sealed class CountyYearSettlementsTests : IAsyncLifetime
{
    private readonly SeededInstallation _installation = SeededInstallation.OnSqlite();

    [Fact]
    public Task Settled_sums_equal_reading_every_settled_project_through_revisions_a_backfill_replays_and_a_restart() =>
        CountyYearSettlementScenario.Run(_installation.Host);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _installation.DisposeAsync();
}

/// <summary>The same on PostgreSQL, on a database of its own.</summary>
public sealed class CountyYearSettlementsPostgreSqlTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public Task Settled_sums_equal_reading_every_settled_project_through_revisions_a_backfill_replays_and_a_restart()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        return CountyYearSettlementScenario.Run(SeededInstallation.OnPostgres(postgres).Host);
    }
}

/// <summary>What both row stores are put through, and the previous read path the figures are compared with.</summary>
internal static class CountyYearSettlementScenario
{
    private const string A = "371002", B = "371082", C = "370102"; // 环翠区, 荣成市, 历下区
    private static readonly string[] Keys = ["hosted", "led", "hostedInvestment", "signed", "started", "funds", "producing", "atCapacity", "signedToStarted", "overdue", "divisions", "topDivisionShare"];
    private static readonly string[] Industries = ["3612", "2614", "3911", "1351", "3612"];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int Year => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;

    private static async Task<string> Park(HttpClient client, string county) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();

    private static async Task<Guid> Published(MatchingApplication app, int i, params string[] bidders)
    {
        var officer = app.Officer();
        var (id, _) = await officer.CreateProject(ProjectBodies.Valid($"年度落地核对项目 {i}").With("landMu", 5).With("energyTce", 30)
            .With("industryCode", Industries[i % Industries.Length]).With("investment", 10_000 + 1_234.57m * i)
            .With("investor", new JsonObject { ["name"] = $"落地核对投资方{Guid.NewGuid():N}", ["kind"] = "private" }));
        (await officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        foreach (var county in bidders)
            (await app.County(county).PostAsJsonAsync($"/api/projects/{id}/bids", new JsonObject
            {
                ["county"] = county, ["parkId"] = await Park(officer, county), ["landMu"] = 5, ["energyTce"] = 30, ["deliveryMonths"] = 10,
                ["landPrice"] = 25, ["commitments"] = "专班服务", ["note"] = "",
            }, Ct)).EnsureSuccessStatusCode();
        return id;
    }

    private static async Task<JsonObject> Award(MatchingApplication app, string county) => new()
    {
        ["kind"] = "award", ["county"] = county, ["parkId"] = await Park(app.Officer(), county), ["reason"] = "产业配套最完善", ["assignsNonBidder"] = true,
    };

    private static async Task<JsonObject> CoBuild(MatchingApplication app, string lead, string partner, int leadPercent) => new()
    {
        ["kind"] = "cobuild", ["county"] = lead, ["parkId"] = await Park(app.Officer(), lead), ["years"] = 5, ["reason"] = "两地共建",
        ["shares"] = new JsonArray(new JsonObject { ["county"] = lead, ["percent"] = leadPercent }, new JsonObject { ["county"] = partner, ["percent"] = 100 - leadPercent }),
    };

    private static async Task Decided(MatchingApplication app, Guid id, JsonObject terms, bool revise = false)
    {
        var body = (JsonObject)terms.DeepClone();
        body["expectedVersion"] = (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();
        var response = await app.Coordinator().PostAsJsonAsync($"/api/projects/{id}/decision{(revise ? "/revision" : "")}", body, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The settled figures of every county of the report for the year.</summary>
    private static async Task<Dictionary<string, decimal[]>> Reported(HttpClient coordinator) =>
        (await coordinator.GetFromJsonAsync<JsonArray>($"/api/reports/counties?year={Year}", Ct))!.ToDictionary(
            r => r!["county"]!.GetValue<string>(),
            r => Keys.Select(k => r!["indicators"]!.AsArray().First(i => i!["key"]!.GetValue<string>() == k)!["value"]!.GetValue<decimal>()).ToArray());

    /// <summary>The previous read path: every settled project of the year from the index, the report's rules applied per county.</summary>
    private static async Task<Dictionary<string, decimal[]>> ByReadingEverySettledProject(MatchingApplication app)
    {
        var china = TimeSpan.FromHours(8);
        var hits = await app.Services.GetRequiredService<ISearchEngine>().ReadAllSettledAsync(
            new SettledQuery(DecidedFrom: new DateTimeOffset(Year, 1, 1, 0, 0, 0, china), DecidedBefore: new DateTimeOffset(Year + 1, 1, 1, 0, 0, 0, china)), Ct);
        var settled = hits.Select(h => (h.Settlement.AsSettled(h.Id, h.Division), h.Settlement.AsFunnel())).ToList();
        return app.Services.GetRequiredService<Domain.Geography.Province>().Counties.Select(c => c.Adcode).ToDictionary(c => c, c =>
        {
            var report = CountyYearReports.Compute(c, c, "", Year, new CountyYearFacts(0, 0, CountyYearSettled.Of(c, settled), IndicatorAmounts.Zero, IndicatorAmounts.Zero));
            return Keys.Select(k => report[k]).ToArray();
        });
    }

    /// <summary>Waits for the index to show what the sums show (the index commits on an interval), then asserts every county's figures are equal.</summary>
    private static async Task<Dictionary<string, decimal[]>> AssertSameAsReadingEverySettledProject(MatchingApplication app)
    {
        var reported = await Reported(app.Coordinator());
        Assert.Equal(136, reported.Count);
        var expected = await Polling.Eventually(() => ByReadingEverySettledProject(app),
            e => reported.All(r => e.TryGetValue(r.Key, out var want) && want.SequenceEqual(r.Value)), TimeSpan.FromSeconds(20));
        foreach (var (county, figures) in reported)
            Assert.True(expected[county].SequenceEqual(figures), $"{county}: reported {string.Join(", ", figures)}, every settled project read {string.Join(", ", expected[county])}");
        return reported;
    }

    public static async Task Run(Func<MatchingApplication> host)
    {
        Dictionary<string, decimal[]> reported;
        await using (var app = host())
        {
            await app.InitializeAsync();
            // Awards to three counties over four divisions, and two co-builds led by A and by B.
            var ids = new List<Guid>();
            string[] awardees = [A, B, C, A, B, C, A];
            for (var i = 0; i < awardees.Length; i++)
            {
                var id = await Published(app, i);
                await Decided(app, id, await Award(app, awardees[i]));
                ids.Add(id);
            }

            var coA = await Published(app, 7, A, B);
            await Decided(app, coA, await CoBuild(app, A, B, 70));
            var coB = await Published(app, 8, A, B);
            await Decided(app, coB, await CoBuild(app, B, A, 60));

            // Confirmed stages: 签约 for two of A's projects, 开工 for one of them.
            foreach (var (id, started) in new[] { (ids[0], true), (coA, false) })
            {
                var county = app.County(A);
                var file = await LandingTestKit.Uploaded(county, id);
                await LandingTestKit.ReportAndConfirm(app, county, id, LandingTestKit.Stage("signed", file, ("contractNumber", "鲁落地〔2026〕1号"), ("amount", 9000)));
                if (started) await LandingTestKit.ReportAndConfirm(app, county, id, LandingTestKit.Stage("started", file, ("permitNumber", "370102202612010001")));
            }

            reported = await AssertSameAsReadingEverySettledProject(app);
            Assert.Equal(5, reported[A][0]); // three awards and both co-builds
            Assert.Equal(4, reported[A][1]);
            Assert.Equal(2, reported[A][3]);
            Assert.Equal(50m, reported[A][8]);

            // Revisions (a landed project has none): an award moved from B to C, a co-build re-shared, then made an award to its partner.
            await Decided(app, ids[1], await Award(app, C), revise: true);
            await Decided(app, coB, await CoBuild(app, B, A, 55), revise: true);
            Assert.Equal(reported[B][0] - 1, (await AssertSameAsReadingEverySettledProject(app))[B][0]);
            await Decided(app, coB, await Award(app, A), revise: true);
            var revised = await AssertSameAsReadingEverySettledProject(app);
            Assert.Equal(reported[B][0] - 2, revised[B][0]);

            // A store whose settled sums were never written (as before they existed): parts dropped, the
            // done row removed; the backfill counts them again, a second run counts nothing.
            var rows = app.Services.GetRequiredService<IRowStore>();
            foreach (var id in ids.Append(coA).Append(coB)) await rows.ContributeAsync("county-settled", id.ToString("N"), new Dictionary<string, decimal>(), Ct);
            await rows.WriteAsync("county-settled", [RowWrite.Delete("_backfill", "v1")], Ct);
            Assert.All((await Reported(app.Coordinator()))[A].Take(3), v => Assert.Equal(0m, v));
            var settlements = app.Services.GetRequiredService<CountyYearSettlements>();
            Assert.True(await settlements.BackfillAsync(cancellationToken: Ct) >= 9);
            Assert.Equal(0, await settlements.BackfillAsync(cancellationToken: Ct));
            await rows.WriteAsync("county-settled", [RowWrite.Delete("_backfill", "v1")], Ct);
            await settlements.BackfillAsync(pageSize: 2, cancellationToken: Ct);
            reported = await AssertSameAsReadingEverySettledProject(app);
            Assert.All(revised, r => Assert.Equal(r.Value, reported[r.Key]));
        }

        // A restart counts nothing again.
        await using (var again = host())
        {
            await again.InitializeAsync();
            var afterRestart = await AssertSameAsReadingEverySettledProject(again);
            Assert.All(reported, r => Assert.Equal(r.Value, afterRestart[r.Key]));
        }
    }
}
