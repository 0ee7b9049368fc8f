using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;

namespace Matching.Storage.Sqlite;

/// <summary>
/// The embedded profile's durable reminders, in the store's one file (<see cref="SqliteStore"/>) or a file of their own: a
/// project's deadline or a landing clock registered before a restart still fires after it, which
/// Orleans' in-memory table cannot promise. Rows are keyed by grain and reminder name and carry the
/// grain's uniform hash, so the silo's reminder service reads its share of the ring as it does from
/// the ADO.NET table of the cluster profile. The ETag is a per-row version: a remove with a stale ETag
/// removes nothing, as the other Orleans tables behave.
/// </summary>
public sealed class SqliteReminderTable : IReminderTable, IAsyncDisposable
{
    internal const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        CREATE TABLE IF NOT EXISTS reminder (
            grain_id   TEXT    NOT NULL,
            name       TEXT    NOT NULL,
            grain_hash INTEGER NOT NULL,
            start_at   INTEGER NOT NULL,
            period_ms  INTEGER NOT NULL,
            version    INTEGER NOT NULL,
            PRIMARY KEY (grain_id, name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS reminder_ring ON reminder (grain_hash);
        """;

    private readonly SqliteFile _file;
    private readonly bool _ownsFile;

    /// <summary>Opens (or creates) the reminder file at <paramref name="databasePath"/>.</summary>
    public SqliteReminderTable(string databasePath)
    {
        _file = new SqliteFile(databasePath, Schema);
        _ownsFile = true;
    }

    /// <summary>Reminders in the embedded store's file, sharing its write queue.</summary>
    public SqliteReminderTable(SqliteStore store) => _file = store.File;

    /// <inheritdoc />
    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        await using var connection = await _file.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id, name, start_at, period_ms, version FROM reminder WHERE grain_id = $g";
        command.Parameters.AddWithValue("$g", grainId.ToString());
        return new ReminderTableData(await ReadAsync(command));
    }

    /// <inheritdoc />
    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // The ring range is (begin, end], wrapping past uint.MaxValue when begin >= end.
        await using var connection = await _file.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = begin < end
            ? "SELECT grain_id, name, start_at, period_ms, version FROM reminder WHERE grain_hash > $b AND grain_hash <= $e"
            : "SELECT grain_id, name, start_at, period_ms, version FROM reminder WHERE grain_hash > $b OR grain_hash <= $e";
        command.Parameters.AddWithValue("$b", (long)begin);
        command.Parameters.AddWithValue("$e", (long)end);
        return new ReminderTableData(await ReadAsync(command));
    }

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        await using var connection = await _file.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id, name, start_at, period_ms, version FROM reminder WHERE grain_id = $g AND name = $n";
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$n", reminderName);
        var rows = await ReadAsync(command);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<string?> UpsertRow(ReminderEntry entry) => _file.Writes.Enqueue<string?>(async (connection, transaction) =>
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO reminder (grain_id, name, grain_hash, start_at, period_ms, version) VALUES ($g, $n, $h, $s, $p, 1)
            ON CONFLICT (grain_id, name) DO UPDATE SET start_at = excluded.start_at, period_ms = excluded.period_ms, version = version + 1
            RETURNING version
            """;
        command.Parameters.AddWithValue("$g", entry.GrainId.ToString());
        command.Parameters.AddWithValue("$n", entry.ReminderName);
        command.Parameters.AddWithValue("$h", (long)entry.GrainId.GetUniformHashCode());
        command.Parameters.AddWithValue("$s", new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$p", (long)entry.Period.TotalMilliseconds);
        var version = (long)(await command.ExecuteScalarAsync())!;
        return version.ToString(CultureInfo.InvariantCulture);
    });

    /// <inheritdoc />
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => _file.Writes.Enqueue(async (connection, transaction) =>
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return false;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM reminder WHERE grain_id = $g AND name = $n AND version = $v";
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$n", reminderName);
        command.Parameters.AddWithValue("$v", version);
        return await command.ExecuteNonQueryAsync() == 1;
    });

    /// <inheritdoc />
    public Task TestOnlyClearTable() => _file.Writes.Enqueue(async (connection, transaction) =>
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM reminder";
        return await command.ExecuteNonQueryAsync();
    });

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _ownsFile ? _file.DisposeAsync() : ValueTask.CompletedTask;

    private static async Task<List<ReminderEntry>> ReadAsync(SqliteCommand command)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)).UtcDateTime,
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return entries;
    }
}
