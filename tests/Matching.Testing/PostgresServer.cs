using System.Diagnostics;
using Matching.Storage.PostgreSql;
using Npgsql;

namespace Matching.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster: initdb in a temporary folder, a free port on 127.0.0.1, the
/// project's migrations applied. When the server binaries are missing, tests using it are skipped
/// with that reason. As root (CI), the server runs as the <c>postgres</c> user, which it requires.
/// Tests run it with <c>fsync=off</c>; <see cref="Settings"/> let a benchmark run it as production would, e.g. <c>fsync=on</c>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly string Bin = Environment.GetEnvironmentVariable("MATCHING_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "matching-pg-" + Guid.NewGuid().ToString("N"));
    private Process? _server;

    /// <summary>Server settings (<c>name=value</c>) given after the tests' own, so that they win.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    public string? SkipReason { get; private set; }

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
        {
            SkipReason = $"PostgreSQL server binaries not found in {Bin} (set MATCHING_PG_BIN)";
            return;
        }

        Directory.CreateDirectory(_folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot) await Run("chown", $"postgres {_folder}");
        var data = Path.Combine(_folder, "data");
        await Run(Path.Combine(Bin, "initdb"), $"-D {data} -U matching -A trust -E UTF8 --no-locale", asRoot);

        var port = FreePort.Next();
        _server = Start(Path.Combine(Bin, "postgres"), $"-D {data} -p {port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400{string.Concat(Settings.Select(s => " -c " + s))}", asRoot);
        var admin = $"Host=127.0.0.1;Port={port};Username=matching;Database=postgres;Pooling=false";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE DATABASE matching", connection);
                await create.ExecuteNonQueryAsync();
                break;
            }
            catch (Exception) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }

        ConnectionString = $"Host=127.0.0.1;Port={port};Username=matching;Database=matching";
        await PostgreSqlMigrator.MigrateAsync(ConnectionString);
    }

    /// <summary>Creates another database on this server, the project's migrations applied, and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        var created = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
        await PostgreSqlMigrator.MigrateAsync(created);
        return created;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static Process Start(string file, string arguments, bool asPostgres)
    {
        var info = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task Run(string file, string arguments, bool asPostgres = false)
    {
        using var process = Start(file, arguments, asPostgres);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}");
    }
}
