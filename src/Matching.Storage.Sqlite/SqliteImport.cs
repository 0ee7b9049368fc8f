using Microsoft.Data.Sqlite;

namespace Matching.Storage.Sqlite;

/// <summary>
/// Brings earlier SQLite files into one: every table of an earlier file is created in the target as the
/// earlier file defined it (unless the target has it already), its rows copied by the columns both have,
/// and its indexes, triggers and views recreated, in one transaction that also records the file as
/// imported. The earlier file is then renamed <c>*.imported</c>, so it is neither read nor imported again.
/// Nothing here names a table: whatever an earlier file holds comes across.
/// </summary>
internal static class SqliteImport
{
    /// <summary>The file's name as kept after import.</summary>
    public const string ImportedSuffix = ".imported";

    private const string Record = """
        CREATE TABLE IF NOT EXISTS store_import (
            file        TEXT NOT NULL PRIMARY KEY,
            imported_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """;

    /// <summary>Imports each of <paramref name="earlier"/> that exists and is not yet imported into <paramref name="target"/>.</summary>
    public static async Task ImportAsync(string target, IReadOnlyList<string> earlier)
    {
        var present = earlier.Where(File.Exists).ToList();
        if (present.Count == 0) return;

        // Not pooled: the earlier files must be closed (and their WAL checkpointed away) before they are renamed.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 }.ToString();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;" + Record);
            foreach (var file in present) await ImportFileAsync(connection, file);
        }

        foreach (var file in present) Rename(file);
    }

    private static async Task ImportFileAsync(SqliteConnection connection, string file)
    {
        // ATTACH would create a missing file: one renamed since (by another process importing it) is left alone.
        if (!File.Exists(file)) return;
        await using (var attach = connection.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $f AS earlier";
            attach.Parameters.AddWithValue("$f", file);
            await attach.ExecuteNonQueryAsync();
        }

        try
        {
            // The write lock first (BEGIN IMMEDIATE), then the check: a second process starting at once finds the file imported.
            await using var transaction = connection.BeginTransaction();
            if (await IsImportedAsync(connection, transaction, file)) return;
            var objects = await ObjectsAsync(connection, transaction);
            foreach (var (type, name, sql) in objects.Where(o => o.Type == "table"))
            {
                if (!await ExistsAsync(connection, transaction, "table", name)) await ExecuteAsync(connection, transaction, sql);
                var earlierColumns = await ColumnsAsync(connection, transaction, "earlier", name);
                var columns = string.Join(", ", (await ColumnsAsync(connection, transaction, "main", name)).Intersect(earlierColumns).Select(Quote));
                if (columns.Length == 0) continue;
                // A row already in the target (a key taken) stays as it is: the import adds, never overwrites.
                await ExecuteAsync(connection, transaction, $"INSERT OR IGNORE INTO main.{Quote(name)} ({columns}) SELECT {columns} FROM earlier.{Quote(name)}");
            }

            foreach (var (type, name, sql) in objects.Where(o => o.Type != "table"))
                if (!await ExistsAsync(connection, transaction, type, name)) await ExecuteAsync(connection, transaction, sql);

            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO store_import (file, imported_at) VALUES ($f, $t)";
                record.Parameters.AddWithValue("$f", Path.GetFileName(file));
                record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O"));
                await record.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
        finally
        {
            await ExecuteAsync(connection, null, "DETACH DATABASE earlier");
        }
    }

    private static async Task<bool> IsImportedAsync(SqliteConnection connection, SqliteTransaction transaction, string file)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM store_import WHERE file = $f";
        command.Parameters.AddWithValue("$f", Path.GetFileName(file));
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    /// <summary>The earlier file's tables, then its indexes, triggers and views (those SQLite makes itself left out).</summary>
    private static async Task<List<(string Type, string Name, string Sql)>> ObjectsAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT type, name, sql FROM earlier.sqlite_master
            WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND type IN ('table', 'index', 'trigger', 'view')
            ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid
            """;
        var objects = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) objects.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return objects;
    }

    private static async Task<bool> ExistsAsync(SqliteConnection connection, SqliteTransaction transaction, string type, string name)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM main.sqlite_master WHERE type = $t AND name = $n";
        command.Parameters.AddWithValue("$t", type);
        command.Parameters.AddWithValue("$n", name);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private static async Task<List<string>> ColumnsAsync(SqliteConnection connection, SqliteTransaction transaction, string schema, string table)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM pragma_table_info($t, $s)";
        command.Parameters.AddWithValue("$t", table);
        command.Parameters.AddWithValue("$s", schema);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        return columns;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Renames an imported file and whatever SQLite left beside it (a WAL not checkpointed away).</summary>
    private static void Rename(string file)
    {
        foreach (var suffix in new[] { "-wal", "-shm", "" })
        {
            var path = file + suffix;
            try
            {
                if (File.Exists(path)) File.Move(path, file + ImportedSuffix + suffix, overwrite: true);
            }
            catch (FileNotFoundException)
            {
                // Renamed meanwhile by another process that imported it.
            }
        }
    }
}
