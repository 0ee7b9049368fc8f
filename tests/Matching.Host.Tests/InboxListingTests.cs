using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>
/// The county inbox read from its rows and the search index's listings (no project grain per row): its rows
/// carry what the project holds, follow a status change, and are sorted, filtered and paged as before.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class InboxListingTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Inbox_rows_are_the_projects_as_stored_paged_and_follow_a_bid()
    {
        var officer = app.Officer();
        var tag = $"收件箱列{Guid.NewGuid().ToString("N")[..6]}";
        // A small project first talked about in 兰山区 (临沂), three investments apart.
        var ids = new List<Guid>();
        foreach (var i in Enumerable.Range(1, 3))
        {
            var (id, _) = await officer.CreateProject(ProjectBodies.Valid($"{tag} 项目{i}")
                .With("investment", 40_000 + 1_000 * i).With("landMu", 40).With("energyTce", 300).With("firstContactCounty", "371302")
                .With("deadline", $"2031-0{i}-15"));
            (await officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
            ids.Add(id);
        }

        // The county that fits the first best has the ones that fit it above the threshold in its inbox.
        var best = (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{ids[0]}/matches?top=2", Ct))!["matches"]!.AsArray();
        var (adcode, runnerUp) = (best[0]!["county"]!.GetValue<string>(), best[1]!["county"]!.GetValue<string>());
        var county = app.County(adcode);
        var fitting = new List<Guid>();
        foreach (var id in ids)
        {
            var scores = await officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/matches/rows?take=500", Ct);
            if (scores!.Any(r => r!["county"]!.GetValue<string>() == adcode)) fitting.Add(id);
        }

        var inbox = await Polling.Eventually(
            () => county.GetFromJsonAsync<JsonArray>($"/api/counties/{adcode}/inbox?q={tag}&sort=investment&order=asc", Ct)!,
            rows => rows!.Count >= fitting.Count, TimeSpan.FromSeconds(10));
        Assert.Contains(ids[0], inbox!.Select(r => r!["project"]!["id"]!.GetValue<Guid>()));

        // Every row carries what the project holds (the same columns the grain gave each row before).
        foreach (var row in inbox!)
        {
            var listed = row!["project"]!.AsObject();
            var stored = (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{listed["id"]!.GetValue<Guid>()}", Ct))!;
            foreach (var field in new[] { "title", "industryCode", "status", "investment", "landMu", "energyTce", "highEnergy", "firstContactCounty", "createdAt", "publishedAt", "updatedAt", "deadline" })
                Assert.Equal(stored[field]?.ToJsonString(), listed[field]?.ToJsonString());
            Assert.Equal("兰山区", listed["firstContactCountyName"]!.GetValue<string>());
            Assert.Equal("公开征集", listed["statusName"]!.GetValue<string>());
            Assert.Equal("新能源车整车制造", listed["industryName"]!.GetValue<string>());
            Assert.InRange(row["score"]!.GetValue<double>(), 0.01, 100);
        }

        // Sorted and paged over the inbox: the total in the header, the second row of the order alone on page 2.
        var page = await county.GetAsync($"/api/counties/{adcode}/inbox?q={tag}&sort=investment&order=asc&skip=1&take=1", Ct);
        page.EnsureSuccessStatusCode();
        Assert.Equal(inbox.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Headers.GetValues("X-Total-Count").Single());
        var second = (await page.Content.ReadFromJsonAsync<JsonArray>(Ct))!;
        if (inbox.Count > 1) Assert.Equal(inbox[1]!["project"]!["id"]!.GetValue<Guid>(), Assert.Single(second)!["project"]!["id"]!.GetValue<Guid>());

        // Two bids make the project contested: its row follows (the index follows every stored change).
        await ContestRoutingTests.Bid(app, ids[0], adcode);
        await ContestRoutingTests.Bid(app, ids[0], runnerUp);
        var contested = await Polling.Eventually(
            () => county.GetFromJsonAsync<JsonArray>($"/api/counties/{adcode}/inbox?q={tag}&status=contested", Ct)!,
            rows => rows!.Count == 1, TimeSpan.FromSeconds(10));
        var only = Assert.Single(contested!)!["project"]!.AsObject();
        Assert.Equal(ids[0], only["id"]!.GetValue<Guid>());
        Assert.Equal("contested", only["status"]!.GetValue<string>());
        var open = await county.GetFromJsonAsync<JsonArray>($"/api/counties/{adcode}/inbox?q={tag}&status=open", Ct);
        Assert.DoesNotContain(ids[0], open!.Select(r => r!["project"]!["id"]!.GetValue<Guid>()));
    }
}
