using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>The host with its grain state on PostgreSQL (migrated schema): the same API, state surviving a restart.</summary>
public sealed class PostgreSqlHostTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_project_posted_through_one_host_is_read_after_a_restart_and_seeds_are_loaded_once()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var ct = TestContext.Current.CancellationToken;
        Guid id;
        string before;

        await using (var first = MatchingApplication.OnPostgres(postgres.ConnectionString))
        {
            await first.InitializeAsync();
            var client = first.Officer();
            (id, _) = await client.CreateProject();
            (await client.PostAsync($"/api/projects/{id}/publish", null, ct)).EnsureSuccessStatusCode();
            before = await client.GetStringAsync($"/api/projects/{id}/history", ct);
            Assert.Equal("Healthy", (await client.GetFromJsonAsync<JsonObject>("/health/ready", ct))!["status"]!.GetValue<string>());
        }

        await using (var second = MatchingApplication.OnPostgres(postgres.ConnectionString))
        {
            await second.InitializeAsync();
            var client = second.Officer();
            Assert.Equal(before, await client.GetStringAsync($"/api/projects/{id}/history", ct));
            Assert.Equal(136, (await client.GetFromJsonAsync<JsonArray>("/api/counties", ct))!.Count);
            Assert.Equal(1, (await client.GetFromJsonAsync<JsonObject>("/api/counties/370102", ct))!["version"]!.GetValue<long>());
        }
    }
}
