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

    private MatchingApplication(string? dataPath, IReadOnlyDictionary<string, string>? settings = null, int port = 0)
    {
        _settings = settings ?? new Dictionary<string, string>();
        _ownsData = dataPath is null;
        DataPath = dataPath ?? Path.Combine(Path.GetTempPath(), "matching-tests", Guid.NewGuid().ToString("N"));
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    /// <summary>
    /// A host with its own settings: on a data folder it leaves in place (or a new one), on a fixed
    /// port (so clients reconnect to a restarted host at the same address) or a free one.
    /// </summary>
    public static MatchingApplication With(string? dataPath = null, int port = 0, IReadOnlyDictionary<string, string>? settings = null,
        System.Collections.Concurrent.ConcurrentQueue<string>? capturedLogs = null) =>
        new(dataPath, settings, port) { CapturedLogs = capturedLogs };

    /// <summary>A free port on the loopback interface.</summary>
    public static int FreePort() => Testing.FreePort.Next();

    /// <summary>A host on an existing data folder, which it leaves in place.</summary>
    public static MatchingApplication On(string dataPath) => new(dataPath);

    /// <summary>A host whose grain state is on PostgreSQL (the cluster profile's storage); the search index stays in its own folder.</summary>
    public static MatchingApplication OnPostgres(string connectionString) => new(null, new Dictionary<string, string>
    {
        ["Storage:Provider"] = "PostgreSql",
        ["Storage:ConnectionString"] = connectionString,
    });

    public string DataPath { get; }

    /// <summary>Set before start to keep every formatted log message (with its exception) the host writes.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string>? CapturedLogs { get; init; }

    public string DatabaseFile => Path.Combine(DataPath, Storage.Sqlite.SqliteStore.FileName);

    /// <summary>The password of every seeded account in tests.</summary>
    public const string Password = "matching-test-password";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Path", DataPath);
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("Auth:SeedPassword", Password);
        // Tests make many requests as few identities; the limits have tests of their own.
        builder.UseSetting("RateLimits:PermitsPerMinute", "6000000");
        builder.UseSetting("RateLimits:Burst", "100000");
        builder.UseSetting("RateLimits:SignInsPerMinute", "100000");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            if (CapturedLogs is { } sink) logging.AddProvider(new CapturingLoggerProvider(sink));
        });
    }

    public async ValueTask InitializeAsync()
    {
        StartServer();
        await Services.GetRequiredService<SeedStatus>().Done.WaitAsync(TimeSpan.FromMinutes(2));
        await Services.GetRequiredService<Search.SearchStatus>().Done.WaitAsync(TimeSpan.FromMinutes(2));
        await Services.GetRequiredService<Auth.AccountStatus>().Done.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>
    /// A client signed in as a seeded account (<c>officer</c>, <c>coordinator</c>, <c>admin</c>,
    /// <c>county-{adcode}</c>), with a token from the host's own issuer. The sign-in endpoint has tests of its own.
    /// </summary>
    public HttpClient ClientAs(string userName)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TokenOf(userName));
        return client;
    }

    /// <summary>A client of a county's account.</summary>
    public HttpClient County(string adcode) => ClientAs(Domain.Access.SeededAccounts.CountyUser(adcode));

    /// <summary>A client of the provincial officer.</summary>
    public HttpClient Officer() => ClientAs(Domain.Access.SeededAccounts.Officer);

    /// <summary>A client of the coordinator.</summary>
    public HttpClient Coordinator() => ClientAs(Domain.Access.SeededAccounts.Coordinator);

    /// <summary>A live connection (the .NET client library) signed in as a seeded account.</summary>
    public LiveProbe Live(string userName, IReadOnlyDictionary<string, long>? positions = null)
    {
        var token = TokenOf(userName);
        return new LiveProbe(new Client.LiveConnection(new Uri(CreateClient().BaseAddress!, LiveHubProtocol.Path), () => Task.FromResult<string?>(token), positions));
    }

    /// <summary>A valid token of a seeded account.</summary>
    public string TokenOf(string userName)
    {
        var seed = Domain.Access.SeededAccounts.For(Services.GetRequiredService<Domain.Geography.Province>()).Single(a => a.UserName == userName);
        return Services.GetRequiredService<Auth.TokenIssuer>()
            .Issue(new Contracts.Access.Account(seed.UserName, seed.Role, seed.Adcode, seed.DisplayName, PasswordHash: "")).AccessToken;
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

/// <summary>Keeps every message logged through it.</summary>
public sealed class CapturingLoggerProvider(System.Collections.Concurrent.ConcurrentQueue<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, sink);

    public void Dispose() { }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<MatchingApplication>
{
    public const string Name = "host";
}
