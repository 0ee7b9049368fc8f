using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>A placement moved to another county stays moved across a restart: both counties' park lists and the park agree, and the restarted host can undo it.</summary>
public sealed class ParkPlacementMoveRestartTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "matching-tests", "placement-move-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_moved_placement_survives_a_restart_and_can_be_undone_after_it()
    {
        var ct = TestContext.Current.CancellationToken;
        const string from = "371121", to = "371122"; // 五莲县 → 莒县
        string id;
        async Task<bool> Lists(MatchingApplication app, string county) =>
            (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{county}", ct))!["parks"]!.AsArray().Any(p => p!["id"]!.GetValue<string>() == id);

        await using (var first = MatchingApplication.On(_data))
        {
            await first.InitializeAsync();
            id = (await ParkPlacementApiTests.HoldingPark(first.Coordinator(), "临沂经济技术开发区"))["id"]!.GetValue<string>();
            (await first.Coordinator().SendAsync(ParkPlacementApiTests.Place(id, new { county = from }, null), ct)).EnsureSuccessStatusCode();
            var moved = await first.Coordinator().SendAsync(ParkPlacementApiTests.Place(id, new { county = to, reason = "园区实际位于莒县" }, null), ct);
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync(ct));
        }

        await using (var second = MatchingApplication.On(_data))
        {
            await second.InitializeAsync();
            var park = (await second.Coordinator().GetFromJsonAsync<JsonObject>($"/api/parks/{id}", ct))!;
            Assert.Equal(to, park["county"]!["adcode"]!.GetValue<string>());
            Assert.False(await Lists(second, from));
            Assert.True(await Lists(second, to));
            Assert.Equal("moved", (await second.Coordinator().GetFromJsonAsync<JsonObject>($"/api/parks/{id}/land/audit?take=1", ct))!["entries"]![0]!["action"]!.GetValue<string>());

            using var undo = new HttpRequestMessage(HttpMethod.Post, $"/api/parks/{id}/county/undo") { Content = JsonContent.Create(new { reason = "重新核实所在县" }) };
            (await second.Coordinator().SendAsync(undo, ct)).EnsureSuccessStatusCode();
            Assert.False(await Lists(second, to));
            Assert.Contains((await second.Coordinator().GetFromJsonAsync<JsonArray>("/api/parks/holding?take=500", ct))!, r => r!["id"]!.GetValue<string>() == id);
        }

        await using (var third = MatchingApplication.On(_data))
        {
            await third.InitializeAsync();
            Assert.Null((await third.Coordinator().GetFromJsonAsync<JsonObject>($"/api/parks/{id}", ct))!["county"]);
            Assert.False(await Lists(third, to));
            Assert.Contains((await third.Coordinator().GetFromJsonAsync<JsonArray>("/api/parks/holding?take=500", ct))!, r => r!["id"]!.GetValue<string>() == id);
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }
}
