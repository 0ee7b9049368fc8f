using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Domain.Access;

namespace Matching.Host.Tests;

/// <summary>
/// The timeout rule: a prefecture that has not decided in time loses the contest to the province, by a
/// durable reminder (SQLite reminders.db) that fires even when the host restarted in between. The rule's
/// 15 days are shortened by <c>Escalation:Timeout</c>.
/// </summary>
public sealed class TimeoutEscalationTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "matching-tests", "timeout-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MatchingApplication Host(string data, TimeSpan timeout) =>
        MatchingApplication.With(data, settings: new Dictionary<string, string> { ["Escalation:Timeout"] = timeout.ToString("c") });

    private static async Task<Guid> ContestInJining(MatchingApplication app)
    {
        var id = await ContestRoutingTests.Published(app.Officer(), "逾期升级项目");
        await ContestRoutingTests.Bid(app, id, "370811");
        await ContestRoutingTests.Bid(app, id, "370812");
        return id;
    }

    private static async Task<JsonObject> RouteOf(MatchingApplication app, Guid id) =>
        (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{id}/route", Ct))!;

    private static async Task<JsonObject> EscalatedByTimeout(MatchingApplication app, Guid id) => await Polling.Eventually(
        () => RouteOf(app, id), r => r["ruleId"]!.GetValue<string>() == "ESC-TIMEOUT", TimeSpan.FromSeconds(120));

    [Fact]
    public async Task A_prefecture_that_does_not_decide_in_time_loses_the_contest_to_the_province()
    {
        await using var app = Host(_data, TimeSpan.FromSeconds(3));
        await app.InitializeAsync();
        await using var province = await app.Live(SeededAccounts.Coordinator).StartAsync();
        var id = await ContestInJining(app);
        Assert.Equal("prefecture", (await RouteOf(app, id))["level"]!.GetValue<string>());

        var route = await EscalatedByTimeout(app, id);

        Assert.Equal("province", route["level"]!.GetValue<string>());
        Assert.Equal("370800", route["escalatedFrom"]!.GetValue<string>());
        var notes = (await app.Officer().GetFromJsonAsync<JsonArray>($"/api/projects/{id}/history?take=100", Ct))!
            .Where(e => e!["kind"]!.GetValue<string>() == "routed").Select(e => e!["note"]!.GetValue<string>()).ToArray();
        Assert.Equal(2, notes.Length);
        Assert.Equal("ESC-TIMEOUT：济宁市 3 秒内未作决定，上报省级统筹", notes[1]);
        Assert.Equal(2, (await province.WaitFor(id, "contestRouted", "contestRouted")).Count(t => t == "contestRouted"));
        var refused = await app.ClientAs(SeededAccounts.PrefectureUser("370800")).PostAsJsonAsync($"/api/projects/{id}/decision",
            new JsonObject { ["kind"] = "reject", ["reason"] = "逾期", ["expectedVersion"] = 1 }, Ct);
        await Problems.AssertProblem(refused, System.Net.HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_timeout_still_fires_after_a_restart_on_the_same_storage()
    {
        var timeout = TimeSpan.FromSeconds(30);
        Guid id;
        await using (var first = Host(_data, timeout))
        {
            await first.InitializeAsync();
            id = await ContestInJining(first);
            Assert.Equal("ESC-SAME-PREFECTURE", (await RouteOf(first, id))["ruleId"]!.GetValue<string>());
        }

        await using var second = Host(_data, timeout);
        await second.InitializeAsync();
        // Nothing re-registers the reminder after the restart: only the stored one can escalate the contest.
        var route = await EscalatedByTimeout(second, id);
        Assert.Equal("province", route["level"]!.GetValue<string>());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
