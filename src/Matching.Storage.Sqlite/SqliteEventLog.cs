using Matching.Contracts.Live;
using Microsoft.Data.Sqlite;

namespace Matching.Storage.Sqlite;

/// <summary>
/// The live-event log in SQLite: in the embedded store's one file (<see cref="SqliteStore"/>), or a file of
/// its own. One row per (stream, sequence); an event id appears once per stream. Appends from every
/// stream are committed together (<see cref="SqliteWriteQueue"/>), with the store's other writes. Positions are
/// given by the log (<see cref="IEventLogAtHead"/>): the one write queue commits one transaction at a time, so
/// the stream's head + 1, read in the appending transaction, is gapless and in commit order, whoever appends
/// (the stream grain, or a project change's own state write).
/// </summary>
public sealed class SqliteEventLog : IEventLogAtHead, IAsyncDisposable
{
    internal const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS live_event (
            stream     TEXT    NOT NULL,
            sequence   INTEGER NOT NULL,
            event_id   TEXT    NOT NULL,
            type       TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            at         TEXT    NOT NULL,
            project_id TEXT,
            payload    TEXT    NOT NULL,
            PRIMARY KEY (stream, sequence),
            UNIQUE (stream, event_id)
        ) WITHOUT ROWID;
        """;

    private readonly SqliteFile _file;
    private readonly bool _ownsFile;

    /// <summary>A log in a file of its own.</summary>
    public SqliteEventLog(string databasePath)
    {
        _file = new SqliteFile(databasePath, Schema);
        _ownsFile = true;
    }

    /// <summary>A log in the embedded store's file, sharing its write queue.</summary>
    public SqliteEventLog(SqliteStore store) => _file = store.File;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _ownsFile ? _file.DisposeAsync() : ValueTask.CompletedTask;

    public async Task<long> HeadAsync(string stream, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(sequence), 0) FROM live_event WHERE stream = $s";
        command.Parameters.AddWithValue("$s", stream);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task<IReadOnlyList<LiveEvent>> AppendAsync(IReadOnlyList<LiveEvent> events, CancellationToken cancellationToken = default) =>
        events.Count == 0 ? Task.FromResult<IReadOnlyList<LiveEvent>>([]) : _file.Writes.Enqueue((connection, transaction) => AppendAsync(connection, transaction, events)).WaitAsync(cancellationToken);

    /// <summary>The file the log is in.</summary>
    internal SqliteFile File => _file;

    public Task<IReadOnlyList<LiveEvent>> AppendAtHeadAsync(IReadOnlyList<LiveEventDraft> drafts, CancellationToken cancellationToken = default) =>
        drafts.Count == 0 ? Task.FromResult<IReadOnlyList<LiveEvent>>([]) : _file.Writes.Enqueue((connection, transaction) => AppendAtHeadAsync(connection, transaction, drafts)).WaitAsync(cancellationToken);

    /// <summary>Appends <paramref name="drafts"/> at their streams' heads in <paramref name="transaction"/>, a transaction of the store's write queue.</summary>
    internal static async Task<IReadOnlyList<LiveEvent>> AppendAtHeadAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<LiveEventDraft> drafts)
    {
        var stored = new List<LiveEvent>(drafts.Count);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // An id the stream holds is skipped and takes no position. (The WHERE makes the upsert parse after a SELECT.)
        command.CommandText = """
            INSERT INTO live_event (stream, sequence, event_id, type, version, at, project_id, payload)
            SELECT $s, coalesce(max(sequence), 0) + 1, $i, $t, $v, $a, $p, $d FROM live_event WHERE stream = $s
            ON CONFLICT (stream, event_id) DO NOTHING
            RETURNING sequence
            """;
        foreach (var name in new[] { "$s", "$i", "$t", "$v", "$a", "$p", "$d" }) command.Parameters.Add(new SqliteParameter(name, null));
        foreach (var d in drafts)
        {
            command.Parameters["$s"].Value = d.Stream;
            command.Parameters["$i"].Value = d.Id;
            command.Parameters["$t"].Value = d.Type;
            command.Parameters["$v"].Value = d.Version;
            command.Parameters["$a"].Value = d.At.ToString("O");
            command.Parameters["$p"].Value = (object?)d.ProjectId?.ToString() ?? DBNull.Value;
            command.Parameters["$d"].Value = d.Payload;
            if (await command.ExecuteScalarAsync() is long sequence) stored.Add(d.ToEvent(sequence));
        }

        return stored;
    }

    private static async Task<IReadOnlyList<LiveEvent>> AppendAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<LiveEvent> events)
    {
        var stored = new List<LiveEvent>(events.Count);
        // One statement, prepared once for the whole batch.
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // A position taken is an error (two writers of one stream); an id already held is skipped.
        command.CommandText = """
            INSERT INTO live_event (stream, sequence, event_id, type, version, at, project_id, payload)
            VALUES ($s, $q, $i, $t, $v, $a, $p, $d)
            ON CONFLICT (stream, event_id) DO NOTHING
            """;
        foreach (var name in new[] { "$s", "$q", "$i", "$t", "$v", "$a", "$p", "$d" }) command.Parameters.Add(new SqliteParameter(name, null));
        foreach (var e in events)
        {
            command.Parameters["$s"].Value = e.Stream;
            command.Parameters["$q"].Value = e.Sequence;
            command.Parameters["$i"].Value = e.Id;
            command.Parameters["$t"].Value = e.Type;
            command.Parameters["$v"].Value = e.Version;
            command.Parameters["$a"].Value = e.At.ToString("O");
            command.Parameters["$p"].Value = (object?)e.ProjectId?.ToString() ?? DBNull.Value;
            command.Parameters["$d"].Value = e.Payload;
            if (await command.ExecuteNonQueryAsync() == 1) stored.Add(e);
        }

        return stored;
    }

    public async Task<IReadOnlyList<LiveEvent>> ReadAsync(string stream, long afterSequence, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sequence, event_id, type, version, at, project_id, payload FROM live_event
            WHERE stream = $s AND sequence > $q ORDER BY sequence LIMIT $m
            """;
        command.Parameters.AddWithValue("$s", stream);
        command.Parameters.AddWithValue("$q", afterSequence);
        command.Parameters.AddWithValue("$m", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<LiveEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new LiveEvent(stream, reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                DateTimeOffset.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(5) ? null : Guid.Parse(reader.GetString(5)), reader.GetString(6)));
        }

        return events;
    }

    public async Task<IReadOnlySet<string>> ContainsAsync(string stream, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0) return found;
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var names = ids.Select((id, i) => { command.Parameters.AddWithValue("$i" + i, id); return "$i" + i; });
        command.CommandText = $"SELECT event_id FROM live_event WHERE stream = $s AND event_id IN ({string.Join(",", names)})";
        command.Parameters.AddWithValue("$s", stream);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) found.Add(reader.GetString(0));
        return found;
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _file.OpenAsync(cancellationToken);
}
