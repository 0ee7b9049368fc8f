using System.Net;
using Matching.Host.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matching.Host.Tests;

/// <summary>
/// The real host (silo, SQLite storage, seeds, API) on a real Kestrel port, with its data in a folder
/// of its own. Passing an existing folder restarts "the same installation".
/// </summary>
public sealed class MatchingApplication : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly bool _ownsData;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public MatchingApplication() : this(null) { }

    private MatchingApplication(string? dataPath, IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        _ownsData = dataPath is null;
        DataPath = dataPath ?? Path.Combine(Path.GetTempPath(), "matching-tests", Guid.NewGuid().ToString("N"));
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>A host on an existing data folder, which it leaves in place.</summary>
    public static MatchingApplication On(string dataPath) => new(dataPath);

    /// <summary>A host whose grain state is on PostgreSQL (the cluster profile's storage); the search index stays in its own folder.</summary>
    public static MatchingApplication OnPostgres(string connectionString) => new(null, new Dictionary<string, string>
    {
        ["Storage:Provider"] = "PostgreSql",
        ["Storage:ConnectionString"] = connectionString,
    });

    public string DataPath { get; }

    public string DatabaseFile => Path.Combine(DataPath, "grains.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Path", DataPath);
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public async ValueTask InitializeAsync()
    {
        StartServer();
        await Services.GetRequiredService<SeedStatus>().Done.WaitAsync(TimeSpan.FromMinutes(2));
        await Services.GetRequiredService<Search.SearchStatus>().Done.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>Rows in the grain store whose grain id starts with the prefix (e.g. <c>project/</c>).</summary>
    public long CountStoredGrains(string prefix)
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM grain_state WHERE grain_id LIKE $p";
        command.Parameters.AddWithValue("$p", prefix + "%");
        return (long)command.ExecuteScalar()!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsData && Directory.Exists(DataPath)) Directory.Delete(DataPath, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<MatchingApplication>
{
    public const string Name = "host";
}
