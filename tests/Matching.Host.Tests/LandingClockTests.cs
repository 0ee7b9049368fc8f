using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Domain.Access;
using Microsoft.Data.Sqlite;
using MiniExcelLibs;
using static Matching.Host.Tests.LandingTestKit;

namespace Matching.Host.Tests;

/// <summary>
/// Stage clocks through the real host with limits of seconds: the overdue warning fires from a durable
/// reminder, reaches the county, the officer and coordinators live, lists as overdue, and still fires
/// when the host was stopped and started again on the same data folder before it was due.
/// </summary>
public sealed class LandingClockTests : IAsyncLifetime
{
    private const string Winner = "370102", Other = "370105";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "matching-tests", "landing-clock-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Limits(TimeSpan signed) => new() { ["Landing:Limits:Signed"] = signed.ToString("c") };

    [Fact]
    public async Task An_overdue_warning_fires_from_the_reminder_reaches_the_right_people_and_lists_as_overdue()
    {
        await using var app = MatchingApplication.With(settings: Limits(TimeSpan.FromSeconds(3)));
        await app.InitializeAsync();
        var probes = new Dictionary<string, LiveProbe>();
        try
        {
            foreach (var user in new[] { SeededAccounts.CountyUser(Winner), SeededAccounts.CountyUser(Other), SeededAccounts.Officer, SeededAccounts.Coordinator })
                probes[user] = await app.Live(user).StartAsync();
            var id = await AwardedProject(app, Winner, "签约超期测试项目");

            foreach (var user in new[] { SeededAccounts.CountyUser(Winner), SeededAccounts.Officer, SeededAccounts.Coordinator })
                Assert.Contains("landingOverdue", await probes[user].WaitFor(id, "landingOverdue"));
            Assert.DoesNotContain("landingOverdue", probes[SeededAccounts.CountyUser(Other)].TypesFor(id));

            var landing = await app.Coordinator().GetFromJsonAsync<JsonObject>($"/api/projects/{id}/landing", Ct);
            Assert.Equal("signed", landing!["overdue"]!["stage"]!.GetValue<string>());
            var history = await app.Officer().GetFromJsonAsync<JsonArray>($"/api/projects/{id}/history?take=500", Ct);
            Assert.Single(history!, e => e!["kind"]!.GetValue<string>() == "landingOverdue");

            // The overdue list: coordinators see it, the county its own, another county not.
            // The list reads the settled projects' projection in the search index: it follows within a second.
            var all = await Polling.Eventually(
                async () => (await app.Coordinator().GetFromJsonAsync<JsonArray>("/api/landing/overdue?sort=due&order=desc", Ct))!,
                rows => rows.Any(r => r!["projectId"]!.GetValue<Guid>() == id));
            Assert.Contains(all!, r => r!["projectId"]!.GetValue<Guid>() == id && r["stage"]!.GetValue<string>() == "signed");
            Assert.Contains(await app.County(Winner).GetFromJsonAsync<JsonArray>("/api/landing/overdue", Ct) ?? [], r => r!["projectId"]!.GetValue<Guid>() == id);
            Assert.DoesNotContain(await app.County(Other).GetFromJsonAsync<JsonArray>("/api/landing/overdue", Ct) ?? [], r => r!["projectId"]!.GetValue<Guid>() == id);
            await Problems.AssertValidationProblem(await app.Coordinator().GetAsync("/api/landing/overdue?sort=nope", Ct), "sort");

            var xlsx = await app.Coordinator().GetAsync("/api/landing/overdue?format=xlsx", Ct);
            using (var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct)))
            {
                var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToArray();
                Assert.Contains(rows, r => (string)r["项目名称"] == "签约超期测试项目" && (string)r["超期阶段"] == "签约");
            }

            // Reporting the stage clears the flag.
            var county = app.County(Winner);
            var reported = await Report(county, id, Stage("signed", await Uploaded(county, id), ("contractNumber", "迟签-1"), ("amount", 100)));
            Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
            Assert.Null((await reported.ReadJson())["overdue"]);
            var after = await Polling.Eventually(
                async () => (await app.Coordinator().GetFromJsonAsync<JsonArray>("/api/landing/overdue", Ct))!,
                rows => rows.All(r => r!["projectId"]!.GetValue<Guid>() != id));
            Assert.DoesNotContain(after, r => r!["projectId"]!.GetValue<Guid>() == id);
        }
        finally
        {
            foreach (var probe in probes.Values) await probe.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_warning_still_fires_after_a_host_restart()
    {
        var settings = Limits(TimeSpan.FromSeconds(20));
        Guid id;
        await using (var first = MatchingApplication.With(_data, settings: settings))
        {
            await first.InitializeAsync();
            id = await AwardedProject(first, Winner, "重启后超期测试项目");
            var landing = await first.Coordinator().GetFromJsonAsync<JsonObject>($"/api/projects/{id}/landing", Ct);
            Assert.Null(landing!["overdue"]);
            Assert.Equal("signed", landing["clock"]!["stage"]!.GetValue<string>());
        }

        await using var second = MatchingApplication.With(_data, settings: settings);
        await second.InitializeAsync();
        // Nothing activates the project after the restart: only the stored reminder can flag it.
        var overdue = await Polling.Eventually(
            async () => (await second.Coordinator().GetFromJsonAsync<JsonArray>("/api/landing/overdue", Ct))!,
            rows => rows.Any(r => r!["projectId"]!.GetValue<Guid>() == id),
            TimeSpan.FromMinutes(3));
        Assert.Contains(overdue, r => r!["projectId"]!.GetValue<Guid>() == id);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }
}
