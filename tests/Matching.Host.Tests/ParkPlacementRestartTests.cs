using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>A park a coordinator placed stays placed across a restart: the seeds loaded again never put it back on the holding list.</summary>
public sealed class ParkPlacementRestartTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "matching-tests", "placement-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_placed_park_stays_in_its_county_after_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        const string linqu = "370724"; // 临朐县
        string id;
        await using (var first = MatchingApplication.On(_data))
        {
            await first.InitializeAsync();
            var row = await ParkPlacementApiTests.HoldingPark(first.Coordinator(), "山东潍坊经济开发区");
            id = row["id"]!.GetValue<string>();
            using var place = ParkPlacementApiTests.Place(id, new { county = linqu }, row["version"]!.GetValue<long>());
            var placed = await first.Coordinator().SendAsync(place, ct);
            Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync(ct));
            (await first.Coordinator().PutAsJsonAsync($"/api/parks/{id}/land", new { availableLandMu = 90000 }, ct)).EnsureSuccessStatusCode();
        }

        await using (var second = MatchingApplication.On(_data))
        {
            await second.InitializeAsync();
            var park = (await second.Coordinator().GetFromJsonAsync<JsonObject>($"/api/parks/{id}", ct))!;
            Assert.Equal(linqu, park["county"]!["adcode"]!.GetValue<string>());
            Assert.Equal("coordinator", park["placed"]!["by"]!.GetValue<string>());
            Assert.DoesNotContain((await second.Coordinator().GetFromJsonAsync<JsonArray>("/api/parks/holding?take=500", ct))!, r => r!["id"]!.GetValue<string>() == id);
            Assert.Contains((await second.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{linqu}", ct))!["parks"]!.AsArray(), p => p!["id"]!.GetValue<string>() == id);

            // The restarted host's matching reads the park in its county: only it has the land a large project needs.
            var (project, _) = await second.Officer().CreateProject(ProjectBodies.Valid("高端装备制造项目").With("landMu", 20000).Without("firstContactCounty"));
            var matches = (await second.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{project}/matches?top=200", ct))!;
            var match = matches["matches"]!.AsArray().Single(m => m!["county"]!.GetValue<string>() == linqu)!;
            Assert.Equal(id, match["park"]!["id"]!.GetValue<string>());
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
