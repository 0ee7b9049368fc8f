using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Matching.Storage.Sqlite;

/// <summary>
/// Replace-with-difference sums (<see cref="Matching.Contracts.Persistence.IRowStore.ContributeAsync"/>): a
/// source's parts a row each in <c>row_sum_part</c>, the sums in <c>row_sum</c>. Amounts are exact decimals,
/// kept as invariant text (SQLite has no decimal type, and a REAL would round them); the difference is
/// computed inside the write's transaction, which SQLite's single writer serializes with every other write.
/// </summary>
public sealed partial class SqliteRowStore
{
    public Task ContributeAsync(string collection, string source, IReadOnlyDictionary<string, decimal> parts, CancellationToken cancellationToken = default) =>
        _file.Writes.Enqueue((connection, transaction) => ContributeAsync(connection, transaction, collection, source, parts)).WaitAsync(cancellationToken);

    private static async Task<bool> ContributeAsync(SqliteConnection connection, SqliteTransaction transaction, string collection, string source, IReadOnlyDictionary<string, decimal> parts)
    {
        var before = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await using (var read = Command(connection, transaction, "SELECT name, value FROM row_sum_part WHERE collection = $c AND source = $s"))
        {
            read.Parameters.AddWithValue("$c", collection);
            read.Parameters.AddWithValue("$s", source);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) before[reader.GetString(0)] = Parse(reader.GetString(1));
        }

        var changes = before.Keys.Union(parts.Keys, StringComparer.Ordinal)
            .Select(name => (Name: name, Difference: parts.GetValueOrDefault(name) - before.GetValueOrDefault(name)))
            .Where(c => c.Difference != 0).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        if (changes.Count == 0) return true;

        await using var removePart = Command(connection, transaction, "DELETE FROM row_sum_part WHERE collection = $c AND source = $s AND name = $n");
        await using var putPart = Command(connection, transaction, """
            INSERT INTO row_sum_part (collection, source, name, value) VALUES ($c, $s, $n, $v)
            ON CONFLICT (collection, source, name) DO UPDATE SET value = excluded.value
            """);
        await using var readSum = Command(connection, transaction, "SELECT value FROM row_sum WHERE collection = $c AND name = $n");
        await using var putSum = Command(connection, transaction, """
            INSERT INTO row_sum (collection, name, value) VALUES ($c, $n, $v)
            ON CONFLICT (collection, name) DO UPDATE SET value = excluded.value
            """);
        foreach (var (name, difference) in changes)
        {
            var value = parts.GetValueOrDefault(name);
            var part = value == 0 ? removePart : putPart;
            part.Parameters.Clear();
            part.Parameters.AddWithValue("$c", collection);
            part.Parameters.AddWithValue("$s", source);
            part.Parameters.AddWithValue("$n", name);
            if (value != 0) part.Parameters.AddWithValue("$v", Format(value));
            await part.ExecuteNonQueryAsync();

            readSum.Parameters.Clear();
            readSum.Parameters.AddWithValue("$c", collection);
            readSum.Parameters.AddWithValue("$n", name);
            var sum = await readSum.ExecuteScalarAsync() is string text ? Parse(text) : 0m;
            putSum.Parameters.Clear();
            putSum.Parameters.AddWithValue("$c", collection);
            putSum.Parameters.AddWithValue("$n", name);
            putSum.Parameters.AddWithValue("$v", Format(sum + difference));
            await putSum.ExecuteNonQueryAsync();
        }

        return true;
    }

    public async Task<IReadOnlyDictionary<string, decimal>> SumsAsync(string collection, IReadOnlyList<string> sums, CancellationToken cancellationToken = default)
    {
        var values = sums.Distinct(StringComparer.Ordinal).ToDictionary(s => s, _ => 0m, StringComparer.Ordinal);
        if (values.Count == 0) return values;
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in values.Keys.ToList().Chunk(500))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT name, value FROM row_sum WHERE collection = $c AND name IN ({string.Join(", ", chunk.Select((_, i) => $"$n{i}"))})";
            command.Parameters.AddWithValue("$c", collection);
            for (var i = 0; i < chunk.Length; i++) command.Parameters.AddWithValue($"$n{i}", chunk[i]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) values[reader.GetString(0)] = Parse(reader.GetString(1));
        }

        return values;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
