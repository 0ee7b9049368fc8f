using Matching.Contracts.Live;
using Matching.Contracts.Persistence;
using Matching.Grains.Persistence;
using Matching.Storage.Sqlite;
using Matching.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Hosting;
using Orleans.Storage;

namespace Matching.Storage.Tests;

/// <summary>
/// A data folder written in the earlier layout (a file each for grain state, live events, rows and
/// reminders, written by those files' own stores) opens as the one-file store: a silo started on it finds
/// every grain row, event, row, tally and reminder, carries on writing, and a restart imports nothing twice.
/// </summary>
public sealed class SqliteStoreImportTests : IDisposable
{
    private const string ServiceId = "import-tests";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "matching-import-tests", Guid.NewGuid().ToString("N"));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IHost Silo() => new HostBuilder()
        .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
        .UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next(), serviceId: ServiceId);
            silo.Services.AddSingleton<IGrainStorageSerializer, JsonStateSerializer>();
            silo.AddMatchingSqliteStorage(MatchingStorage.Name, _folder);
        })
        .Build();

    [Fact]
    public async Task A_silo_started_on_the_four_file_layout_finds_everything_and_a_restart_imports_nothing_twice()
    {
        var grain = Orleans.Runtime.GrainId.Create("project", Guid.NewGuid().ToString("N"));
        var probe = Guid.NewGuid().ToString("N");
        var fired = ReminderProbeGrain.Fired.GetOrAdd(probe, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await WriteEarlierLayout(grain, probe);

        using (var silo = Silo())
        {
            await silo.StartAsync(Ct);
            await AssertFound(silo.Services, grain, probe);

            // The store carries on: the grain writes on its imported version, rows and events go on from where they were.
            var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(MatchingStorage.Name);
            var state = new Orleans.GrainState<SampleState>(new SampleState());
            await storage.ReadStateAsync("project", grain, state);
            state.State!.Title = "after the import";
            await storage.WriteStateAsync("project", grain, state);
            Assert.Equal("4", state.ETag);
            var log = silo.Services.GetRequiredService<IEventLog>();
            await log.AppendAsync([Event(3)], Ct);
            Assert.Equal(3, await log.HeadAsync("officer:1", Ct));

            // The reminder registered in the earlier reminders.db fires from the imported row.
            await fired.Task.WaitAsync(TimeSpan.FromSeconds(90), Ct);
            await silo.StopAsync(Ct);
        }

        foreach (var file in SqliteStore.EarlierFiles)
        {
            Assert.False(File.Exists(Path.Combine(_folder, file)), $"{file} is still in place after its import");
            Assert.True(File.Exists(Path.Combine(_folder, file + ".imported")), $"{file} was not kept as {file}.imported");
        }

        // A restart on the one file: nothing imported again (the tallies would double if the rows were counted again).
        using (var again = Silo())
        {
            await again.StartAsync(Ct);
            var rows = again.Services.GetRequiredService<IRowStore>();
            Assert.Equal(2, (await rows.TalliesAsync("inbox", ["370102:2026"], Ct))["370102:2026"]);
            var state = new Orleans.GrainState<SampleState>(new SampleState());
            await again.Services.GetRequiredKeyedService<IGrainStorage>(MatchingStorage.Name).ReadStateAsync("project", grain, state);
            Assert.Equal(("after the import", "4"), (state.State!.Title, state.ETag));
            Assert.Equal(3, (await again.Services.GetRequiredService<IEventLog>().ReadAsync("officer:1", 0, 10, Ct)).Count);
            await again.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task A_table_the_store_does_not_know_comes_across_with_its_rows_and_indexes()
    {
        // As a projection's own table added to rows.db by a later version would.
        Directory.CreateDirectory(_folder);
        await using (var rows = new SqliteRowStore(Path.Combine(_folder, "rows.db")))
            await rows.WriteAsync("c", [RowWrite.Put("p", "k", "1", "{}")], Ct);
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "rows.db")};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE inbox_arrival (county TEXT NOT NULL, project TEXT NOT NULL, arrived INTEGER NOT NULL, PRIMARY KEY (county, project)) WITHOUT ROWID;
                CREATE INDEX inbox_arrival_order ON inbox_arrival (county, arrived);
                INSERT INTO inbox_arrival VALUES ('370102', 'a', 1), ('370102', 'b', 2);
                """;
            await command.ExecuteNonQueryAsync(Ct);
        }

        await using (var store = SqliteStore.InFolder(_folder))
        {
            var rows = new SqliteRowStore(store);
            Assert.NotNull(await rows.GetAsync("c", "p", "k", Ct));
        }

        SqliteConnection.ClearAllPools();
        await using var one = new SqliteConnection($"Data Source={Path.Combine(_folder, SqliteStore.FileName)};Mode=ReadOnly;Pooling=False");
        await one.OpenAsync(Ct);
        await using var read = one.CreateCommand();
        read.CommandText = """
            SELECT (SELECT group_concat(project, ',') FROM (SELECT project FROM inbox_arrival ORDER BY arrived)),
                   (SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'inbox_arrival_order')
            """;
        await using var reader = await read.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(("a,b", 1L), (reader.GetString(0), reader.GetInt64(1)));
    }

    /// <summary>The earlier layout, written by the four files' own stores as hosts before the one file did.</summary>
    private async Task WriteEarlierLayout(Orleans.Runtime.GrainId grain, string probe)
    {
        var serializer = new JsonStateSerializer();
        var storage = new SqliteGrainStorage(
            MatchingStorage.Name, ServiceId,
            new SqliteGrainStorageOptions { DatabasePath = Path.Combine(_folder, "grains.db"), GrainStorageSerializer = serializer },
            NullLogger<SqliteGrainStorage>.Instance);
        await storage.InitializeAsync(Ct);
        var state = new Orleans.GrainState<SampleState>(new SampleState { Title = "written", Numbers = [1, 2, 3] });
        for (var i = 0; i < 3; i++) await storage.WriteStateAsync("project", grain, state);

        await using (var log = new SqliteEventLog(Path.Combine(_folder, "events.db")))
            await log.AppendAsync([Event(1), Event(2)], Ct);

        await using (var rows = new SqliteRowStore(Path.Combine(_folder, "rows.db")))
        {
            await rows.WriteAsync("inbox", [RowWrite.Counted("370102", "a", "1", """{"v":"a"}""", "370102:2026"), RowWrite.Counted("370102", "b", "2", """{"v":"b"}""", "370102:2026")], Ct);
            await rows.WriteAsync("history", [RowWrite.Append(grain.ToString(), "0001", "0001", """{"kind":"created"}""")], Ct);
        }

        await using (var reminders = new SqliteReminderTable(Path.Combine(_folder, "reminders.db")))
        {
            await reminders.UpsertRow(new Orleans.ReminderEntry
            {
                GrainId = Orleans.Runtime.GrainId.Create("reminderprobe", probe),
                ReminderName = "probe",
                StartAt = DateTime.UtcNow.AddSeconds(20),
                Period = TimeSpan.FromMinutes(1),
            });
        }

        SqliteConnection.ClearAllPools();
        foreach (var file in SqliteStore.EarlierFiles) Assert.True(File.Exists(Path.Combine(_folder, file)), $"the earlier layout lacks {file}");
        Assert.False(File.Exists(Path.Combine(_folder, SqliteStore.FileName)));
    }

    private static async Task AssertFound(IServiceProvider services, Orleans.Runtime.GrainId grain, string probe)
    {
        var state = new Orleans.GrainState<SampleState>(new SampleState());
        await services.GetRequiredKeyedService<IGrainStorage>(MatchingStorage.Name).ReadStateAsync("project", grain, state);
        Assert.Equal(("written", "3"), (state.State!.Title, state.ETag));
        Assert.Equal([1, 2, 3], state.State.Numbers);

        var events = await services.GetRequiredService<IEventLog>().ReadAsync("officer:1", 0, 10, Ct);
        Assert.Equal(["e1", "e2"], events.Select(e => e.Id));

        var rows = services.GetRequiredService<IRowStore>();
        var inbox = await rows.PageAsync("inbox", "370102", new RowQuery(), Ct);
        Assert.Equal(["a", "b"], inbox.Rows.Select(r => r.Key));
        Assert.Equal(2, (await rows.TalliesAsync("inbox", ["370102:2026"], Ct))["370102:2026"]);
        Assert.NotNull(await rows.GetAsync("history", grain.ToString(), "0001", Ct));

        var reminder = await services.GetRequiredService<Orleans.IReminderTable>().ReadRow(Orleans.Runtime.GrainId.Create("reminderprobe", probe), "probe");
        Assert.Equal(TimeSpan.FromMinutes(1), reminder?.Period);
    }

    private static LiveEvent Event(long sequence) =>
        new("officer:1", sequence, $"e{sequence}", "project.published", 1, DateTimeOffset.UtcNow, null, "{}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
