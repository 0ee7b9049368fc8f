using Matching.Contracts.Persistence;

namespace Matching.Host.Tests;

/// <summary>
/// An installation of a test's own whose row store a scenario seeds before a host starts on it (data
/// as an earlier build stored it), then starts and restarts hosts on: on SQLite a data folder of its own,
/// seeded through the one-file store the host opens (<see cref="Storage.Sqlite.SqliteStore.InFolder"/>),
/// and deleted afterwards; on PostgreSQL the test class's database.
/// </summary>
internal sealed class SeededInstallation : IAsyncDisposable
{
    private readonly string? _data;

    private SeededInstallation(string? data, Func<Func<IRowStore, Task>, Task> seed, Func<MatchingApplication> host) => (_data, Seed, Host) = (data, seed, host);

    /// <summary>Runs a seeding step on the installation's row store (before any host).</summary>
    public Func<Func<IRowStore, Task>, Task> Seed { get; }

    /// <summary>A new host on the installation (not yet started).</summary>
    public Func<MatchingApplication> Host { get; }

    /// <summary>A SQLite installation in a temporary folder of its own.</summary>
    public static SeededInstallation OnSqlite()
    {
        var data = Path.Combine(Path.GetTempPath(), "matching-tests", Guid.NewGuid().ToString("N"));
        return new SeededInstallation(data, async seed =>
        {
            Directory.CreateDirectory(data);
            await using var file = Storage.Sqlite.SqliteStore.InFolder(data);
            await using var store = new Storage.Sqlite.SqliteRowStore(file);
            await seed(store);
        }, () => MatchingApplication.On(data));
    }

    /// <summary>A PostgreSQL installation on the server's database.</summary>
    public static SeededInstallation OnPostgres(PostgresServer postgres) => new(null, async seed =>
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(postgres.ConnectionString);
        await seed(new Storage.PostgreSql.PostgreSqlRowStore(source));
    }, () => MatchingApplication.OnPostgres(postgres.ConnectionString));

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_data is not null && Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }
}
