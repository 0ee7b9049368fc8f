using System.Diagnostics;
using Matching.Testing;
using Npgsql;

namespace Matching.Cluster.Tests;

/// <summary>A fresh database on the shared throwaway server, migrated by the host's own <c>migrate</c> command.</summary>
public static class ClusterDatabase
{
    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateEmptyAsync(PostgresServer server, CancellationToken cancellationToken)
    {
        var name = "cluster_" + Guid.NewGuid().ToString("N")[..12];
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A new database with the schema applied by <c>dotnet Matching.Host.dll migrate</c>.</summary>
    public static async Task<string> CreateMigratedAsync(PostgresServer server, CancellationToken cancellationToken)
    {
        var connectionString = await CreateEmptyAsync(server, cancellationToken);
        var (exitCode, output) = await MigrateAsync(connectionString, cancellationToken);
        if (exitCode != 0) throw new InvalidOperationException($"migrate exited with {exitCode}:\n{output}");
        return connectionString;
    }

    /// <summary>Runs the host's <c>migrate</c> command; returns its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { SourceTree.HostAssembly, "migrate", $"--Storage:ConnectionString={connectionString}" })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task<List<object[]>> RowsAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
