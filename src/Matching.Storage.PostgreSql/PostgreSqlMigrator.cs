using System.Reflection;
using Npgsql;

namespace Matching.Storage.PostgreSql;

/// <summary>
/// Applies the scripts of <c>infra/postgresql</c> in order, each once (recorded in
/// <c>matching_migrations</c>), in a transaction of its own. Running it again changes nothing.
/// </summary>
public static class PostgreSqlMigrator
{
    /// <summary>Brings the database up to date; returns the scripts applied by this call.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS matching_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", connection))
            await create.ExecuteNonQueryAsync(cancellationToken);

        var applied = new List<string>();
        foreach (var (id, script) in Scripts())
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // One migrator at a time, also across hosts started together.
            await using (var lockCommand = new NpgsqlCommand("LOCK TABLE matching_migrations IN EXCLUSIVE MODE", connection, transaction))
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            await using (var check = new NpgsqlCommand("SELECT 1 FROM matching_migrations WHERE id = @id", connection, transaction))
            {
                check.Parameters.AddWithValue("id", id);
                if (await check.ExecuteScalarAsync(cancellationToken) is not null)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    continue;
                }
            }

            await using (var run = new NpgsqlCommand(script, connection, transaction))
                await run.ExecuteNonQueryAsync(cancellationToken);
            await using (var record = new NpgsqlCommand("INSERT INTO matching_migrations (id) VALUES (@id)", connection, transaction))
            {
                record.Parameters.AddWithValue("id", id);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            applied.Add(id);
        }

        return applied;
    }

    private static IEnumerable<(string Id, string Script)> Scripts()
    {
        var assembly = typeof(PostgreSqlMigrator).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("migrations/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            yield return (name["migrations/".Length..], reader.ReadToEnd());
        }
    }
}
