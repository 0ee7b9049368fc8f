namespace Matching.Storage.PostgreSql;

/// <summary>
/// Replace-with-difference sums (<see cref="Matching.Contracts.Persistence.IRowStore.ContributeAsync"/>) in
/// <c>matching_sum_part</c> and <c>matching_sum</c> (<c>infra/postgresql/017_row_sums.sql</c>). A source's
/// recount is one transaction of its own (not the commit queue's: it is rare, one per agreement change):
/// a transaction lock on the source, so two hosts recounting one source take turns, then one statement
/// that replaces the parts and adds their difference to the sums, in name order so that recounts of
/// different sources lock shared sums in one order.
/// </summary>
public sealed partial class PostgreSqlRowStore
{
    private const string LockSource = "SELECT pg_advisory_xact_lock(hashtextextended('matching_sum_part|' || $1 || '|' || $2, 0))";

    private const string Contribute = """
        WITH new AS (SELECT name, value FROM unnest($3::text[], $4::numeric[]) AS n(name, value)),
        old AS (SELECT name, value FROM matching_sum_part WHERE collection = $1 AND source = $2),
        difference AS (
            SELECT name, sum(value) AS value FROM (SELECT name, value FROM new UNION ALL SELECT name, -value FROM old) d
            GROUP BY name HAVING sum(value) <> 0),
        gone AS (DELETE FROM matching_sum_part p WHERE p.collection = $1 AND p.source = $2 AND p.name NOT IN (SELECT name FROM new)),
        put AS (INSERT INTO matching_sum_part (collection, source, name, value) SELECT $1, $2, name, value FROM new
            ON CONFLICT (collection, source, name) DO UPDATE SET value = excluded.value)
        INSERT INTO matching_sum (collection, name, value) SELECT $1, name, value FROM difference ORDER BY name
        ON CONFLICT (collection, name) DO UPDATE SET value = matching_sum.value + excluded.value
        """;

    public async Task ContributeAsync(string collection, string source, IReadOnlyDictionary<string, decimal> parts, CancellationToken cancellationToken = default)
    {
        var kept = parts.Where(p => p.Value != 0).OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockSource = new Npgsql.NpgsqlCommand(LockSource, connection, transaction))
        {
            lockSource.Parameters.AddWithValue(collection);
            lockSource.Parameters.AddWithValue(source);
            await lockSource.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var contribute = new Npgsql.NpgsqlCommand(Contribute, connection, transaction))
        {
            contribute.Parameters.AddWithValue(collection);
            contribute.Parameters.AddWithValue(source);
            contribute.Parameters.AddWithValue(kept.Select(p => p.Key).ToArray());
            contribute.Parameters.AddWithValue(kept.Select(p => p.Value).ToArray());
            await contribute.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, decimal>> SumsAsync(string collection, IReadOnlyList<string> sums, CancellationToken cancellationToken = default)
    {
        var values = sums.Distinct(StringComparer.Ordinal).ToDictionary(s => s, _ => 0m, StringComparer.Ordinal);
        if (values.Count == 0) return values;
        await using var command = dataSource.CreateCommand("SELECT name, value FROM matching_sum WHERE collection = $1 AND name = ANY($2)");
        command.Parameters.AddWithValue(collection);
        command.Parameters.AddWithValue(values.Keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) values[reader.GetString(0)] = reader.GetDecimal(1);
        return values;
    }
}
