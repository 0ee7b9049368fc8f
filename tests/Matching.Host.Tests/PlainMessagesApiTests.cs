using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Matching.Host.Tests;

/// <summary>
/// What the host says to people names rules, counties and people, not their ids: a refused bid, every
/// factor and exclusion reason of a project's matches, the history's labels and notes, a stale decision.
/// </summary>
[Collection(HostCollection.Name)]
public sealed partial class PlainMessagesApiTests(MatchingApplication app)
{
    private readonly HttpClient _officer = app.Officer();
    private readonly HttpClient _coordinator = app.Coordinator();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Rule ids, adcodes, account ids, GUIDs, version numbers.
    [GeneratedRegex(@"\bFC-[A-Z]|(?<![\d,.])37\d{4}(?![\d,.])|county-\d|[0-9a-f]{8}-[0-9a-f]{4}-|版本 ?\d|\b(coordinator|officer|admin|seed)\b")]
    private static partial Regex Internal();

    private static IEnumerable<string> Texts(JsonNode? node, params string[] keys) => node switch
    {
        JsonObject o => o.SelectMany(p => keys.Contains(p.Key) && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? [s] : Texts(p.Value, keys)),
        JsonArray a => a.SelectMany(x => Texts(x, keys)),
        _ => [],
    };

    private static IEnumerable<string> ProblemTexts(JsonObject problem) =>
        new[] { problem["title"]?.GetValue<string>(), problem["detail"]?.GetValue<string>() }.OfType<string>()
            .Concat(problem["errors"] is JsonObject errors ? errors.SelectMany(e => e.Value!.AsArray().Select(m => m!.GetValue<string>())) : []);

    private async Task<string> ParkOf(string county) =>
        (await _officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();

    private async Task<JsonObject> Offer(string county, string note) => new()
    {
        ["county"] = county, ["parkId"] = await ParkOf(county), ["landMu"] = 40, ["energyTce"] = 300, ["deliveryMonths"] = 10,
        ["landPrice"] = 25, ["commitments"] = "专班服务", ["note"] = note,
    };

    [Fact]
    public async Task Messages_and_labels_people_read_carry_no_internal_codes_and_points_carry_units()
    {
        var said = new List<string>();
        var (id, _) = await _officer.CreateProject(ProjectBodies.Valid("用语巡检项目").With("landMu", 40).With("energyTce", 300).With("firstContactCounty", "370102"));
        (await _officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();

        // A bid the firewall refuses: the rule by its name.
        var refused = await app.County("370105").PostAsJsonAsync($"/api/projects/{id}/bids", await Offer("370105", "落地后给予税收返还"), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.ReadJson();
        said.AddRange(ProblemTexts(problem));
        Assert.Contains("税收", problem["detail"]!.GetValue<string>());
        // A park of another county.
        var wrongPark = await Offer("370105", "");
        wrongPark["parkId"] = await ParkOf("370102");
        said.AddRange(ProblemTexts(await Problems.AssertValidationProblem(await app.County("370105").PostAsJsonAsync($"/api/projects/{id}/bids", wrongPark, Ct), "parkId")));

        // Every reason of every county's score and exclusion.
        var matches = (await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/matches?top=136", Ct))!;
        var reasons = Texts(matches, "reason").Concat(matches["excluded"]!.AsArray().SelectMany(e => e!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()))).ToArray();
        Assert.NotEmpty(reasons);
        said.AddRange(reasons);
        // Every reason that gives points says they are points; benchmarks carry their unit.
        Assert.All(Texts(matches, "reason").Where(r => Regex.IsMatch(r, @"（[+-]?\d+(\.\d)?")), r => Assert.Matches(@"\d 分", r));
        Assert.All(Texts(matches, "reason").Where(r => r.Contains("基准 ", StringComparison.Ordinal)), r => Assert.Matches(@"基准 [\d.]+ 万元", r));

        // Two bids, a stale decision, a referral: the history and the refusal.
        (await app.County("370105").PostAsJsonAsync($"/api/projects/{id}/bids", await Offer("370105", "园区已七通一平"), Ct)).EnsureSuccessStatusCode();
        (await app.County("370112").PostAsJsonAsync($"/api/projects/{id}/bids", await Offer("370112", ""), Ct)).EnsureSuccessStatusCode();
        var version = (await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();
        var stale = await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision",
            new JsonObject { ["kind"] = "refer", ["county"] = "370112", ["reason"] = "旧的", ["expectedVersion"] = version - 1 }, Ct);
        said.AddRange(ProblemTexts(await Problems.AssertProblem(stale, HttpStatusCode.Conflict)));
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision",
            new JsonObject { ["kind"] = "refer", ["county"] = "370112", ["reason"] = "产业更契合", ["expectedVersion"] = version }, Ct)).EnsureSuccessStatusCode();
        var history = (await _officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/history?take=50", Ct))!;
        // A bid's note is the county's adcode by contract (the screen names it); every other note and every label is for people.
        said.AddRange(history.Select(h => h!["label"]!.GetValue<string>()));
        said.AddRange(history.Where(h => h!["kind"]!.GetValue<string>() is not ("bidPlaced" or "bidWithdrawn")).Select(h => h!["note"]?.GetValue<string>()).OfType<string>());
        Assert.Contains(history, h => h!["note"]?.GetValue<string>() == "转介至历城区");

        // A stale edit.
        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/projects/{id}") { Content = JsonContent.Create(ProjectBodies.Valid("改")) };
        edit.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var staleEdit = await _officer.SendAsync(edit, Ct);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleEdit.StatusCode);
        said.AddRange(ProblemTexts(await staleEdit.ReadJson()));

        var leaks = said.Where(s => Internal().IsMatch(s)).Distinct().ToArray();
        Assert.True(leaks.Length == 0, "internal codes in messages:\n" + string.Join("\n", leaks));
    }
}
