using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Projects;
using Matching.Grains.Inboxes;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Host.Tests;

/// <summary>
/// The inbox screen's total (<c>X-Total-Count</c>) is the row store's kept count per (county, status), through
/// the real host on SQLite and on PostgreSQL: exact beyond any window of 2,000, unchanged by a replayed
/// projection's puts, re-tags and removals, following a real publish, and the same after a restart.
/// </summary>
public sealed class InboxTalliesTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "matching-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public Task An_inbox_of_more_than_2000_entries_is_counted_exactly_and_replays_count_nothing() =>
        InboxTallyScenario.Run(async seed =>
        {
            Directory.CreateDirectory(_data);
            await using var file = Storage.Sqlite.SqliteStore.InFolder(_data);
            await using var store = new Storage.Sqlite.SqliteRowStore(file);
            await seed(store);
        }, () => MatchingApplication.On(_data));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The same on PostgreSQL (the cluster profile's row store), on a database of its own.</summary>
public sealed class InboxTalliesPostgreSqlTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public Task An_inbox_of_more_than_2000_entries_is_counted_exactly_and_replays_count_nothing()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        return InboxTallyScenario.Run(async seed =>
        {
            await using var source = Npgsql.NpgsqlDataSource.Create(postgres.ConnectionString);
            await seed(new Storage.PostgreSql.PostgreSqlRowStore(source));
        }, () => MatchingApplication.OnPostgres(postgres.ConnectionString));
    }
}

/// <summary>What both row stores are put through by a real host.</summary>
internal static class InboxTallyScenario
{
    private const string County = "371082"; // 荣成市
    private const int Entries = 2_150, Contested = 120, Removed = 30;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<long> Total(HttpClient client, string county, string statuses)
    {
        using var response = await client.GetAsync($"/api/counties/{county}/inbox?status={statuses}&sort=at&order=desc&take=20", Ct);
        response.EnsureSuccessStatusCode();
        return long.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);
    }

    private static async Task<(long Open, long Contested, long Both)> Totals(HttpClient client, string county) =>
        (await Total(client, county, "open"), await Total(client, county, "contested"), await Total(client, county, "open,contested"));

    /// <summary>Seeds inbox rows (through <paramref name="seedStore"/>), then runs hosts on the store (<paramref name="host"/>).</summary>
    public static async Task Run(Func<Func<IRowStore, Task>, Task> seedStore, Func<MatchingApplication> host)
    {
        var now = DateTimeOffset.UtcNow;
        var entries = Enumerable.Range(0, Entries).Select(i => new InboxEntry(Guid.NewGuid(), 50 + i % 40, now.AddSeconds(-i - 60))).ToList();
        IReadOnlyList<RowWrite> puts = [.. entries.Select(e => CountyInbox.Put(County, e, ProjectStatus.Open))];
        await seedStore(async store =>
        {
            foreach (var chunk in puts.Chunk(500)) await new CountyInbox(store).WriteAsync(chunk, Ct);
        });

        (long, long, long) expected;
        await using (var app = host())
        {
            await app.InitializeAsync();
            var client = app.County(County);
            Assert.Equal((Entries, 0, Entries), await Totals(client, County));

            // A projection applied twice (a retried outbox): the same puts, re-tags of some entries to
            // contested (one of a project that is in no inbox), and removals, each batch written twice.
            var inbox = new CountyInbox(app.Services.GetRequiredService<IRowStore>());
            IReadOnlyList<RowWrite> retags = [.. entries.Take(Contested).Select(e => CountyInbox.Status(County, e.ProjectId, ProjectStatus.Contested)), CountyInbox.Status(County, Guid.NewGuid(), ProjectStatus.Contested)];
            IReadOnlyList<RowWrite> removals = [.. entries.Skip(Entries - Removed).Select(e => CountyInbox.Remove(County, e.ProjectId)), CountyInbox.Remove(County, Guid.NewGuid())];
            foreach (var writes in new[] { puts.Take(500).ToList(), retags, removals })
            {
                await inbox.WriteAsync(writes, Ct);
                await inbox.WriteAsync(writes, Ct);
            }

            // The replayed puts wrote the status those projects had then (open): a later re-tag wins again.
            await inbox.WriteAsync(retags, Ct);
            expected = (Entries - Contested - Removed, Contested, Entries - Removed);
            Assert.Equal(expected, await Totals(client, County));

            // Through the real write path: a published project counts one open entry in its best county's inbox.
            var officer = app.Officer();
            var (id, _) = await officer.CreateProject(ProjectBodies.Valid("收件箱计数检验项目").With("investment", 45_000).With("landMu", 30).With("energyTce", 200));
            var best = (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/matches?top=1", Ct))!["matches"]!.AsArray()[0]!["county"]!.GetValue<string>();
            var before = await Totals(app.County(best), best);
            (await officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
            var after = await Polling.Eventually(() => Totals(app.County(best), best), t => t.Both > before.Both, TimeSpan.FromSeconds(10));
            Assert.Equal((before.Open + 1, before.Contested, before.Both + 1), after);
            // The project may have reached the seeded county too (it reaches every county it fits well enough): one open entry more at most.
            var seeded = await Totals(client, County);
            Assert.InRange(seeded.Open - expected.Item1, 0, 1);
            Assert.Equal((expected.Item2, seeded.Open + seeded.Contested), (seeded.Contested, seeded.Both));
            expected = seeded;
        }

        // A restart counts nothing again.
        await using (var again = host())
        {
            await again.InitializeAsync();
            Assert.Equal(expected, await Totals(again.County(County), County));
        }
    }
}
