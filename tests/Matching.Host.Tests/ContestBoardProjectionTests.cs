using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Host.Tests;

/// <summary>
/// The contest board reads the index's contest projection, not the grains: after every kind of change a
/// contested project goes through, the board must come to show exactly what its grain holds. A projection
/// left stale by a change (a bid not indexed, a route not carried) or absent keeps the board from agreeing.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ContestBoardProjectionTests(MatchingApplication app)
{
    private readonly HttpClient _officer = app.Officer();
    private readonly HttpClient _coordinator = app.Coordinator();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_board_comes_to_show_each_change_of_a_contest_as_its_grain_holds_it()
    {
        var (id, _) = await _officer.CreateProject(ProjectBodies.Valid("看板投影项目").With("landMu", 40).With("energyTce", 300));
        (await _officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        await Bid(id, "370102", "专班服务");
        await Bid(id, "370105", "专班服务");
        await BoardAgreesWithGrain(id, "contested by two bids");

        await Bid(id, "370105", "优先供地，三个月交地");
        await BoardAgreesWithGrain(id, "a bid replaced");

        await Bid(id, "370112", "专班服务");
        await BoardAgreesWithGrain(id, "a third bid");

        Assert.Equal(HttpStatusCode.NoContent, (await app.County("370112").DeleteAsync($"/api/projects/{id}/bids/370112", Ct)).StatusCode);
        await BoardAgreesWithGrain(id, "a bid withdrawn, still contested");

        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/route/takeover", new JsonObject { ["reason"] = "省级统筹" }, Ct)).EnsureSuccessStatusCode();
        await BoardAgreesWithGrain(id, "taken over by the province");

        var park = (await _officer.GetFromJsonAsync<JsonArray>("/api/parks?county=370102", Ct))![0]!["id"]!.GetValue<string>();
        var decided = await Decide.OnCurrentVersion(_coordinator, id, new JsonObject { ["kind"] = "award", ["county"] = "370102", ["parkId"] = park, ["reason"] = "基础最好" }, Ct);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var board = await Polling.Eventually(Board, b => b.All(c => Id(c) != id));
        Assert.DoesNotContain(board, c => Id(c) == id);
    }

    private async Task Bid(Guid id, string county, string commitments)
    {
        var park = (await _officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();
        var bid = new JsonObject
        {
            ["county"] = county, ["parkId"] = park, ["landMu"] = 40, ["energyTce"] = 300, ["deliveryMonths"] = 10,
            ["landPrice"] = 25, ["commitments"] = commitments, ["note"] = "",
        };
        (await app.County(county).PostAsJsonAsync($"/api/projects/{id}/bids", bid, Ct)).EnsureSuccessStatusCode();
    }

    /// <summary>Waits until the board's entry for the project says what the grain says, then asserts it does.</summary>
    private async Task BoardAgreesWithGrain(Guid id, string after)
    {
        var grain = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IProjectGrain>(id);
        var expected = Of(await grain.GetContest() ?? throw new InvalidOperationException("no project"));
        var board = await Polling.Eventually(Board, b => b.FirstOrDefault(c => Id(c) == id) is { } entry && Of(entry) == expected);
        var shown = board.FirstOrDefault(c => Id(c) == id);
        Assert.True(shown is not null, $"After {after}: the board does not list the contest (grain: {expected}).");
        Assert.Equal(expected, Of(shown));
    }

    private async Task<JsonNode[]> Board() => [.. (await _coordinator.GetFromJsonAsync<JsonArray>("/api/contests", Ct))!.OfType<JsonNode>()];

    private static Guid Id(JsonNode contest) => contest["project"]!["id"]!.GetValue<Guid>();

    /// <summary>What the board shows of a contest, as text: version, status, the card's figures, each bid with its score, the route.</summary>
    private static string Of(JsonNode c)
    {
        var p = c["project"]!;
        var bids = c["bids"]!.AsArray().Select(b => $"{b!["bid"]!["county"]}|{b["bid"]!["commitments"]}|{b["bid"]!["placedAt"]!.GetValue<DateTimeOffset>().UtcTicks}|{b["score"]?.GetValue<double>()}");
        var route = c["route"] is { } r ? $"{r["level"]}|{r["summary"]}|{r["by"]}|{r["since"]!.GetValue<DateTimeOffset>().UtcTicks}" : "none";
        return $"v{c["version"]} {p["status"]} {p["investment"]!.GetValue<decimal>()}/{p["landMu"]!.GetValue<decimal>()} [{string.Join("; ", bids)}] {route}";
    }

    private static string Of(ProjectContestView v)
    {
        var bids = v.Bids.Select(b => $"{b.Bid.County}|{b.Bid.Commitments}|{b.PlacedAt.UtcTicks}|{(v.Scores.TryGetValue(b.Bid.County, out var s) ? s : null)}");
        var route = v.Route is { } r ? $"{r.Level.ToString().ToLowerInvariant()}|{r.Summary()}|{r.By}|{r.Since.UtcTicks}" : "none";
        var status = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(v.Project.Status.ToString());
        return $"v{v.Project.Version} {status} {v.Project.Details.Investment}/{v.Project.Details.LandMu} [{string.Join("; ", bids)}] {route}";
    }
}
