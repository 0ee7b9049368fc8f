using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>
/// The contest board is sorted and filtered on the index's hits and only the page asked for is built: a page
/// is the same rows, in the same order, as the whole board read at once, with the filtered total in the header.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ContestBoardPagingTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_of_the_board_is_the_whole_boards_rows_in_its_order_with_the_total()
    {
        var officer = app.Officer();
        var coordinator = app.Coordinator();
        var tag = $"看板分页{Guid.NewGuid().ToString("N")[..6]}";
        // Three contests with two, three and two bids from 济宁 counties no other test bids with (鱼台县, 金乡县, 嘉祥县).
        string[][] bidders = [["370827", "370828"], ["370827", "370828", "370829"], ["370828", "370829"]];
        var ids = new List<Guid>();
        foreach (var (counties, i) in bidders.Select((c, i) => (c, i)))
        {
            var id = await ContestRoutingTests.Published(officer, $"{tag} 项目{i + 1}", b => b.With("investment", 50_000 + i * 1_000));
            foreach (var county in counties) await ContestRoutingTests.Bid(app, id, county);
            ids.Add(id);
        }

        var whole = await Polling.Eventually(
            () => coordinator.GetFromJsonAsync<JsonArray>($"/api/contests?q={tag}&sort=bids&order=desc", Ct)!,
            board => board!.Count == 3 && board.Sum(c => c!["bids"]!.AsArray().Count) == 7, TimeSpan.FromSeconds(10));
        Assert.Equal(ids[1], Id(whole![0]!));
        Assert.Equal([3, 2, 2], whole.Select(c => c!["bids"]!.AsArray().Count));

        foreach (var skip in Enumerable.Range(0, 3))
        {
            var response = await coordinator.GetAsync($"/api/contests?q={tag}&sort=bids&order=desc&skip={skip}&take=1", Ct);
            response.EnsureSuccessStatusCode();
            Assert.Equal("3", response.Headers.GetValues("X-Total-Count").Single());
            var page = Assert.Single((await response.Content.ReadFromJsonAsync<JsonArray>(Ct))!)!;
            // The row built for the page alone is the whole board's row, bids and scores included.
            Assert.Equal(whole[skip]!.ToJsonString(), page.ToJsonString());
        }

        // Text on a bidder's name and the investment order, as on the whole board.
        var byInvestment = await coordinator.GetFromJsonAsync<JsonArray>($"/api/contests?q={tag}&sort=investment&order=asc", Ct);
        Assert.Equal(ids, byInvestment!.Select(Id));
        var byName = await coordinator.GetAsync("/api/contests?q=嘉祥县&sort=investment&order=desc&take=500", Ct);
        Assert.Contains(ids[2], (await byName.Content.ReadFromJsonAsync<JsonArray>(Ct))!.Select(Id));

        // A prefecture coordinator's board counts only its own counties' bids, on the page as in its order.
        var jining = app.ClientAs("city-3708");
        var own = await jining.GetFromJsonAsync<JsonArray>($"/api/contests?q={tag}&sort=bids&order=desc&take=1", Ct);
        Assert.Equal(3, Assert.Single(own!)!["bids"]!.AsArray().Count);
    }

    private static Guid Id(JsonNode? contest) => contest!["project"]!["id"]!.GetValue<Guid>();
}
