using Matching.Contracts.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Matching.Storage.Sqlite;

/// <summary>
/// Grain storage in SQLite: in the embedded store's one file (<see cref="SqliteStore"/>), or a file of its
/// own (<see cref="SqliteGrainStorageOptions.DatabasePath"/>). One row per (service, grain, state name),
/// so every grain has a unique key; the row's version is the ETag, and a write that does not carry the
/// stored version is refused with <see cref="InconsistentStateException"/>, which is how Orleans detects
/// two activations of one grain writing over each other.
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    internal const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS grain_state (
            service_id  TEXT    NOT NULL,
            grain_id    TEXT    NOT NULL,
            state_name  TEXT    NOT NULL,
            version     INTEGER NOT NULL,
            payload     BLOB    NOT NULL,
            modified_at TEXT    NOT NULL,
            PRIMARY KEY (service_id, grain_id, state_name)
        ) WITHOUT ROWID;
        """;

    private readonly string name;
    private readonly string serviceId;
    private readonly SqliteGrainStorageOptions options;
    private readonly ILogger<SqliteGrainStorage> logger;

    // SQLite takes one writer at a time. Queueing this process's writes (and committing those queued
    // together in one transaction) waits asynchronously instead of spinning on SQLITE_BUSY inside a
    // grain's turn; other processes still meet the busy timeout. Created on first use: the file with it.
    private readonly Lazy<SqliteFile> _file;

    /// <summary>Grain storage in a file of its own, <see cref="SqliteGrainStorageOptions.DatabasePath"/>.</summary>
    public SqliteGrainStorage(string name, string serviceId, SqliteGrainStorageOptions options, ILogger<SqliteGrainStorage> logger)
    {
        (this.name, this.serviceId, this.options, this.logger) = (name, serviceId, options, logger);
        _file = new Lazy<SqliteFile>(() => new SqliteFile(options.DatabasePath, Schema, options.BusyTimeout));
    }

    /// <summary>
    /// Grain storage in the embedded store's file, sharing its write queue (<see cref="SqliteGrainStorageOptions.DatabasePath"/> is not used).
    /// With <paramref name="rows"/> and <paramref name="events"/> (the row store and the event log of the same file), the
    /// rows and live events a grain hands over with its state write (<see cref="OwedWithState"/>) are committed in the
    /// state's own transaction.
    /// </summary>
    public SqliteGrainStorage(string name, string serviceId, SqliteStore store, SqliteGrainStorageOptions options, ILogger<SqliteGrainStorage> logger, SqliteRowStore? rows = null, SqliteEventLog? events = null)
    {
        (this.name, this.serviceId, this.options, this.logger) = (name, serviceId, options, logger);
        if (rows is not null && !ReferenceEquals(rows.File, store.File))
            throw new ArgumentException("The row store must be in the grain storage's own file to be written in its transactions.", nameof(rows));
        if (events is not null && !ReferenceEquals(events.File, store.File))
            throw new ArgumentException("The event log must be in the grain storage's own file to be written in its transactions.", nameof(events));
        _file = new Lazy<SqliteFile>(store.File);
        (_rows, _events) = (rows, events);
    }

    // The row store and the event log written in the state's transactions, if any (the embedded store's, in the same file).
    private readonly SqliteRowStore? _rows;
    private readonly SqliteEventLog? _events;

    private SqliteWriteQueue Writes => _file.Value.Writes;

    /// <summary>Creates the file and table; called by the silo lifecycle, and by tests directly.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _file.Value.InitializeAsync().WaitAsync(cancellationToken);
        LogInitialized(name, _file.Value.Path);
    }

    /// <summary>True when the database answers a trivial query (for health checks).</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM grain_state WHERE 0";
        await command.ExecuteScalarAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, payload FROM grain_state WHERE service_id = $s AND grain_id = $g AND state_name = $n";
        AddKey(command, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var version = reader.GetInt64(0);
        var payload = (byte[])reader.GetValue(1);
        grainState.State = options.GrainStorageSerializer.Deserialize<T>(new BinaryData(payload));
        grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = Bytes(options.GrainStorageSerializer.Serialize(grainState.State));
        var etag = grainState.ETag;
        // Rows and events handed over with this write go in its transaction, after the state: a stale ETag fails them all.
        var owed = _rows is null && _events is null ? null : OwedWithState.TryClaim();
        var (rows, events) = (_rows is null ? null : owed?.Rows, _events is null ? null : owed?.Events);
        if (rows is not null) await _rows!.ReadyAsync();
        // The ETag moves only once the transaction holding the write is committed.
        var (next, appended) = await Writes.Enqueue<(long, IReadOnlyList<Matching.Contracts.Live.LiveEvent>?)>(async (connection, transaction) =>
        {
            var version = await WriteAsync(connection, transaction, stateName, grainId, etag, payload);
            if (rows is { Count: > 0 }) await _rows!.WriteAsync(connection, transaction, rows);
            var stored = events is null ? null : await SqliteEventLog.AppendAtHeadAsync(connection, transaction, events);
            return (version, stored);
        });
        owed?.MarkCommitted(rows is not null, appended);
        grainState.ETag = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    private async Task<long> WriteAsync(SqliteConnection connection, SqliteTransaction transaction, string stateName, GrainId grainId, string? etag, byte[] payload)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        AddKey(command, stateName, grainId);
        command.Parameters.AddWithValue("$p", payload);
        command.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O"));

        long next;
        if (etag is null)
        {
            // First write: the primary key makes a concurrent first write of the same grain fail.
            next = 1;
            command.CommandText = "INSERT INTO grain_state (service_id, grain_id, state_name, version, payload, modified_at) VALUES ($s, $g, $n, 1, $p, $t) ON CONFLICT DO NOTHING";
        }
        else
        {
            var current = ParseETag(etag, stateName, grainId);
            next = current + 1;
            command.CommandText = "UPDATE grain_state SET version = $v, payload = $p, modified_at = $t WHERE service_id = $s AND grain_id = $g AND state_name = $n AND version = $e";
            command.Parameters.AddWithValue("$e", current);
            command.Parameters.AddWithValue("$v", next);
        }

        if (await command.ExecuteNonQueryAsync() != 1)
            throw Inconsistent("write", stateName, grainId, etag);
        return next;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is not null)
        {
            var etag = grainState.ETag;
            await Writes.Enqueue((connection, transaction) => DeleteAsync(connection, transaction, stateName, grainId, etag));
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task<bool> DeleteAsync(SqliteConnection connection, SqliteTransaction transaction, string stateName, GrainId grainId, string etag)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM grain_state WHERE service_id = $s AND grain_id = $g AND state_name = $n AND version = $e";
        AddKey(command, stateName, grainId);
        command.Parameters.AddWithValue("$e", ParseETag(etag, stateName, grainId));
        if (await command.ExecuteNonQueryAsync() != 1)
            throw Inconsistent("clear", stateName, grainId, etag);
        return true;
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<SqliteGrainStorage>(name), ServiceLifecycleStage.ApplicationServices, InitializeAsync);

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _file.Value.OpenAsync(cancellationToken);

    private void AddKey(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("$s", serviceId);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$n", stateName);
    }

    /// <summary>The serialized state's bytes, not copied when they are one whole array (as the JSON serializer makes them).</summary>
    private static byte[] Bytes(BinaryData data) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data.ToMemory(), out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
            ? whole.Array
            : data.ToArray();

    private long ParseETag(string etag, string stateName, GrainId grainId) =>
        long.TryParse(etag, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : throw Inconsistent("parse", stateName, grainId, etag);

    private InconsistentStateException Inconsistent(string operation, string stateName, GrainId grainId, string? etag)
    {
        LogConflict(name, operation, grainId, stateName, etag);
        return new InconsistentStateException(
            $"SQLite storage '{name}': {operation} of {grainId}/{stateName} with ETag '{etag ?? "(none)"}' does not match the stored version.",
            storedEtag: "unknown",
            currentEtag: etag ?? string.Empty);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage {Name} on SQLite file {Path}")]
    private partial void LogInitialized(string name, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Name}: {Operation} of {GrainId}/{StateName} refused, ETag {ETag} is stale")]
    private partial void LogConflict(string name, string operation, GrainId grainId, string stateName, string? etag);
}
