using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Grains.Inboxes;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Host.Tests;

/// <summary>
/// The inbox in the screen's order (arrival, with a status filter) is one keyset page of the inbox's rows,
/// each carrying its project's status: newest or oldest first, paged with the statuses' total, following a
/// bid that makes the project contested; rows stored before the layout are rewritten once and read the same.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class InboxKeysetTests(MatchingApplication app)
{
    private const string Collection = "county-inbox";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string County, string RunnerUp, List<Guid> Ids)> PublishThree(string tag)
    {
        var officer = app.Officer();
        var ids = new List<Guid>();
        foreach (var i in Enumerable.Range(1, 3))
        {
            var (id, _) = await officer.CreateProject(ProjectBodies.Valid($"{tag} 项目{i}")
                .With("investment", 40_000 + 1_000 * i).With("landMu", 40).With("energyTce", 300).With("firstContactCounty", "371302"));
            (await officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
            ids.Add(id);
        }

        // Projects this alike fit the same counties: the best county of the first has all three.
        var best = (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{ids[0]}/matches?top=2", Ct))!["matches"]!.AsArray();
        var county = best[0]!["county"]!.GetValue<string>();
        foreach (var id in ids)
        {
            var scores = await officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/matches/rows?take=500", Ct);
            Assert.Contains(county, scores!.Select(r => r!["county"]!.GetValue<string>()));
        }

        return (county, best[1]!["county"]!.GetValue<string>(), ids);
    }

    private async Task<(List<Guid> Ids, int Total)> Read(string county, string query)
    {
        var response = await app.County(county).GetAsync($"/api/counties/{county}/inbox?{query}", Ct);
        response.EnsureSuccessStatusCode();
        var rows = (await response.Content.ReadFromJsonAsync<JsonArray>(Ct))!;
        return ([.. rows.Select(r => r!["project"]!["id"]!.GetValue<Guid>())], int.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_screens_order_is_a_keyset_page_by_arrival_with_the_status_on_each_row()
    {
        var (county, runnerUp, ids) = await PublishThree($"键集{Guid.NewGuid().ToString("N")[..6]}");
        const string Screen = "sort=at&order=desc&status=open,contested";
        var (newest, total) = await Polling.Eventually(() => Read(county, $"{Screen}&take=500"), r => ids.All(r.Ids.Contains), TimeSpan.FromSeconds(10));
        // Newest first: the three in reverse order of publication, among whatever else the county has.
        Assert.Equal(Enumerable.Reverse(ids), newest.Where(ids.Contains));
        Assert.Equal(newest.Count, total);
        var (oldest, _) = await Read(county, "sort=at&order=asc&status=open,contested&take=500");
        Assert.Equal(Enumerable.Reverse(newest), oldest);

        // Pages of one row walk the same order, each with the same total.
        var walked = new List<Guid>();
        for (var skip = 0; skip < Math.Min(total, 6); skip++)
        {
            var (page, pageTotal) = await Read(county, $"{Screen}&skip={skip}&take=1");
            Assert.Equal(total, pageTotal);
            walked.Add(Assert.Single(page));
        }

        Assert.Equal(newest.Take(walked.Count), walked);

        // Two bids make the first contested: the status on its row follows, so each status's page has it or not.
        await ContestRoutingTests.Bid(app, ids[0], county);
        await ContestRoutingTests.Bid(app, ids[0], runnerUp);
        var (contested, contestedTotal) = await Polling.Eventually(() => Read(county, "sort=at&order=desc&status=contested&take=500"), r => r.Ids.Contains(ids[0]), TimeSpan.FromSeconds(10));
        Assert.Contains(ids[0], contested);
        Assert.DoesNotContain(ids[1], contested);
        Assert.Equal(contested.Count, contestedTotal);
        var (open, openTotal) = await Read(county, "sort=at&order=desc&status=open&take=500");
        Assert.DoesNotContain(ids[0], open);
        Assert.Contains(ids[1], open);
        Assert.Equal(total, openTotal + contestedTotal);
        // The first keeps its place by arrival: a bid is not an arrival.
        var (again, _) = await Read(county, $"{Screen}&take=500");
        Assert.Equal(newest, again);
        // Other tests on this shared host may have awarded projects in this county's inbox: none of these three is among them.
        var (awarded, awardedTotal) = await Read(county, "sort=at&order=desc&status=awarded&take=500");
        Assert.DoesNotContain(awarded, ids.Contains);
        Assert.Equal(awarded.Count, awardedTotal);
    }

    [Fact]
    public async Task Rows_stored_before_the_layout_are_rewritten_once_with_their_projects_status()
    {
        // The rewrite ran at this host's start (nothing of the earlier layout in a fresh store).
        await app.Services.GetRequiredService<Inboxes.InboxLayoutUpgrade>().Completion.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var (county, runnerUp, ids) = await PublishThree($"旧行{Guid.NewGuid().ToString("N")[..6]}");
        await ContestRoutingTests.Bid(app, ids[1], county);
        await ContestRoutingTests.Bid(app, ids[1], runnerUp);
        const string Screen = "sort=at&order=desc&status=open,contested&take=500";
        var (expected, total) = await Polling.Eventually(() => Read(county, Screen), r => ids.All(r.Ids.Contains), TimeSpan.FromSeconds(10));
        var contested = await Polling.Eventually(() => Read(county, "status=contested&take=500"), r => r.Ids.Contains(ids[1]), TimeSpan.FromSeconds(10));

        // Put the three back as an earlier build stored them: ordered by fit, no status.
        var rows = app.Services.GetRequiredService<IRowStore>();
        var earlier = new List<RowWrite>();
        foreach (var id in ids)
        {
            var row = (await rows.GetAsync(Collection, county, id.ToString("N"), Ct))!;
            var entry = System.Text.Json.JsonSerializer.Deserialize<InboxEntry>(row.Body, Matching.Domain.MatchingJson.Options)!;
            var fitOrder = string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Round((100_000 - entry.Score) * 10_000):D12}|{long.MaxValue - entry.At.UtcTicks:D19}");
            earlier.Add(RowWrite.Put(county, row.Key, fitOrder, row.Body));
        }

        await rows.WriteAsync(Collection, [.. earlier, RowWrite.Delete("_layout", "arrival-status-v1")], Ct);
        var (missing, _) = await Read(county, Screen);
        Assert.DoesNotContain(ids[0], missing);

        var layout = app.Services.GetRequiredService<InboxLayout>();
        Assert.True(await layout.UpgradeAsync([county], pageSize: 2, cancellationToken: Ct) >= 3);
        Assert.Equal(expected, (await Read(county, Screen)).Ids);
        Assert.Equal(total, (await Read(county, Screen)).Total);
        Assert.Equal(contested.Ids, (await Read(county, "status=contested&take=500")).Ids);
        foreach (var id in ids)
        {
            var row = (await rows.GetAsync(Collection, county, id.ToString("N"), Ct))!;
            Assert.Equal(id == ids[1] ? "Contested" : "Open", row.Tag);
        }

        // Done once: a second call rewrites nothing.
        Assert.Equal(0, await layout.UpgradeAsync([county], cancellationToken: Ct));
    }
}
