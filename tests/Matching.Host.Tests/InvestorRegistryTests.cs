using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Domain.Projects;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class InvestorRegistryTests(MatchingApplication app)
{
    private readonly HttpClient _client = app.Officer();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject From(string county, string creditCode, string industry = "3612") => ProjectBodies.Valid()
        .With("firstContactCounty", county).With("industryCode", industry).With("landMu", 30)
        // A small need: the award below holds it in 历下区 for the rest of the run, and other tests decide there too.
        .With("energyTce", 100)
        .With("investor.creditCode", creditCode).With("investor.name", "某投资集团" + creditCode[^4..]);

    [Fact]
    public async Task The_first_county_to_register_holds_first_contact_and_the_same_project_posted_elsewhere_is_flagged()
    {
        var code = CreditCode.WithCheck("91370000MA" + Random.Shared.Next(1000000, 9999999));
        var (first, _) = await _client.CreateProject(From("370102", code));
        var (second, _) = await _client.CreateProject(From("370211", code));
        var (otherIndustry, _) = await _client.CreateProject(From("370212", code, industry: "3841"));

        var secondFlags = await _client.GetFromJsonAsync<JsonObject>($"/api/projects/{second}/flags", Ct);
        var firstFlags = await _client.GetFromJsonAsync<JsonObject>($"/api/projects/{first}/flags", Ct);
        var otherFlags = await _client.GetFromJsonAsync<JsonObject>($"/api/projects/{otherIndustry}/flags", Ct);

        Assert.Equal("370102", secondFlags!["firstContactHolder"]!.GetValue<string>());
        Assert.Equal([first], secondFlags["likelyDuplicates"]!.AsArray().Select(d => d!.GetValue<Guid>()));
        Assert.Equal([second], firstFlags!["likelyDuplicates"]!.AsArray().Select(d => d!.GetValue<Guid>()));
        Assert.Empty(otherFlags!["likelyDuplicates"]!.AsArray());
    }

    [Fact]
    public async Task A_bid_for_an_investor_already_operating_in_another_county_carries_a_relocation_flag()
    {
        var code = CreditCode.WithCheck("91370000MB" + Random.Shared.Next(1000000, 9999999));
        var park = (await _client.GetFromJsonAsync<JsonArray>("/api/parks?county=370102", Ct))![0]!["id"]!.GetValue<string>();
        var (earlier, _) = await _client.CreateProject(From("370102", code));
        (await _client.PostAsync($"/api/projects/{earlier}/publish", null, Ct)).EnsureSuccessStatusCode();
        (await Decide.OnCurrentVersion(app.Coordinator(), earlier, new JsonObject
        {
            ["kind"] = "award", ["county"] = "370102", ["parkId"] = park, ["reason"] = "已落户", ["assignsNonBidder"] = true,
        }, Ct)).EnsureSuccessStatusCode();

        var (later, _) = await _client.CreateProject(From("370112", code, industry: "3670"));
        (await _client.PostAsync($"/api/projects/{later}/publish", null, Ct)).EnsureSuccessStatusCode();
        var laterPark = (await _client.GetFromJsonAsync<JsonArray>("/api/parks?county=370112", Ct))![0]!["id"]!.GetValue<string>();
        await using var operatingCounty = await app.Live(Domain.Access.SeededAccounts.CountyUser("370102")).StartAsync();
        var bid = await app.County("370112").PostAsJsonAsync($"/api/projects/{later}/bids", new JsonObject
        {
            ["county"] = "370112", ["parkId"] = laterPark, ["landMu"] = 30, ["energyTce"] = 100, ["deliveryMonths"] = 6,
            ["landPrice"] = 20, ["commitments"] = "专班服务", ["note"] = "",
        }, Ct);

        bid.EnsureSuccessStatusCode();
        var flags = (await bid.ReadJson())["flags"]!.AsArray();
        var relocation = Assert.Single(flags, f => f!["countyToNotify"]?.GetValue<string>() == "370102")!;
        Assert.Contains("历下区", relocation["message"]!.GetValue<string>());

        // The county the investor operates in is told, live.
        var notice = await operatingCounty.WaitFor(later, "relocationNotice");
        Assert.Single(notice, t => t == "relocationNotice");
        var payload = operatingCounty.Received.Single(m => m.ProjectId == later && m.Type == "relocationNotice").Payload;
        Assert.Equal("370112", payload.GetProperty("biddingCounty").GetString());
    }
}
