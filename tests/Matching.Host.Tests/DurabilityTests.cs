using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Matching.Host.Tests;

/// <summary>Stopping the host and starting it again on the same data folder loses nothing and seeds nothing twice.</summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "matching-tests", "durability-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_project_and_its_history_survive_a_restart_and_seeds_are_not_loaded_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        Guid id;
        string projectBefore, historyBefore, countyBefore;
        (long Rows, string LastCountyWrite) storeBefore;

        await using (var first = MatchingApplication.On(_data))
        {
            await first.InitializeAsync();
            var client = first.Officer();
            (id, _) = await client.CreateProject();
            await client.PostAsync($"/api/projects/{id}/publish", null, ct);
            projectBefore = await client.GetStringAsync($"/api/projects/{id}", ct);
            historyBefore = await client.GetStringAsync($"/api/projects/{id}/history", ct);
            countyBefore = await client.GetStringAsync("/api/counties/370102", ct);
        }

        storeBefore = ReadStore();

        await using (var second = MatchingApplication.On(_data))
        {
            await second.InitializeAsync();
            var client = second.Officer();

            Assert.Equal(projectBefore, await client.GetStringAsync($"/api/projects/{id}", ct));
            Assert.Equal(historyBefore, await client.GetStringAsync($"/api/projects/{id}/history", ct));
            Assert.Equal(countyBefore, await client.GetStringAsync("/api/counties/370102", ct));
            Assert.Equal(136, (await client.GetFromJsonAsync<JsonArray>("/api/counties", ct))!.Count);
            Assert.Equal("open", (await client.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", ct))!["status"]!.GetValue<string>());

            // The second start wrote nothing: same rows, no county touched.
            Assert.Equal(storeBefore, ReadStore());

            // And the restarted host keeps working on the same project.
            var withdrawn = await client.PostAsync($"/api/projects/{id}/withdraw", null, ct);
            withdrawn.EnsureSuccessStatusCode();
            Assert.Equal(3, (await client.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/history", ct))!.Count);
        }
    }

    private (long Rows, string LastCountyWrite) ReadStore()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, Storage.Sqlite.SqliteStore.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), (SELECT max(modified_at) FROM grain_state WHERE grain_id LIKE 'county/%') FROM grain_state";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetString(1));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }
}
