using Matching.Testing;
using System.Diagnostics;
using Npgsql;

namespace Matching.Cluster.Tests;

/// <summary>
/// A throwaway PostgreSQL server inside an <see cref="IsolatedNetwork"/>'s hub namespace: the hosts
/// reach it over the bridge (<see cref="IsolatedNetwork.HubAddress"/>, so a cut host loses it too);
/// the test reaches it through its Unix socket, which no network cut affects.
/// </summary>
public sealed class HubPostgres : IAsyncDisposable
{
    private const int Port = 5432;
    private static readonly string Bin = Environment.GetEnvironmentVariable("MATCHING_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
    private readonly string _folder;
    private readonly Process _server;

    private HubPostgres(string folder, Process server)
    {
        _folder = folder;
        _server = server;
    }

    /// <summary>A migrated database as the hosts in the namespaces connect to it.</summary>
    public string HostConnectionString { get; private set; } = "";

    /// <summary>The same database through the Unix socket, for the test's own reads.</summary>
    public string TestConnectionString { get; private set; } = "";

    public static async Task<HubPostgres> StartAsync(IsolatedNetwork network, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "matching-hubpg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        await Run("chown", ["postgres", folder], cancellationToken);
        var data = Path.Combine(folder, "data");
        await Run("runuser", ["-u", "postgres", "--", Path.Combine(Bin, "initdb"), "-D", data, "-U", "matching", "-A", "trust", "-E", "UTF8", "--no-locale"], cancellationToken);
        // initdb trusts only local and loopback connections; the hosts come from the bridge.
        await File.AppendAllTextAsync(Path.Combine(data, "pg_hba.conf"), "host all all 10.201.0.0/24 trust\n", cancellationToken);

        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "netns", "exec", network.Hub, "runuser", "-u", "postgres", "--", Path.Combine(Bin, "postgres"),
                     "-D", data, "-p", $"{Port}", "-k", folder, "-c", $"listen_addresses={IsolatedNetwork.HubAddress}",
                     "-c", "fsync=off", "-c", "max_connections=200",
                 })
            info.ArgumentList.Add(argument);
        var server = Process.Start(info)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var postgres = new HubPostgres(folder, server);

        var admin = $"Host={folder};Port={Port};Username=matching;Database=postgres;Pooling=false";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync(cancellationToken);
                await using var create = new NpgsqlCommand("CREATE DATABASE matching", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                break;
            }
            catch (Exception) when (attempt < 150 && !server.HasExited)
            {
                await Task.Delay(200, cancellationToken);
            }
        }

        postgres.TestConnectionString = $"Host={folder};Port={Port};Username=matching;Database=matching";
        postgres.HostConnectionString = $"Host={IsolatedNetwork.HubAddress};Port={Port};Username=matching;Database=matching;Timeout=5;Command Timeout=10";
        var (exitCode, output) = await ClusterDatabase.MigrateAsync(postgres.TestConnectionString, cancellationToken);
        if (exitCode != 0) throw new InvalidOperationException($"migrate exited with {exitCode}:\n{output}");
        return postgres;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server.Dispose();
        try
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task Run(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
    }
}
