using Microsoft.Data.Sqlite;

namespace Matching.Storage.Sqlite;

/// <summary>
/// One SQLite file: created with owner-only modes (<see cref="DataFileModes"/>), earlier files imported
/// into it and its schema applied on first use, and its writes committed together through one
/// <see cref="SqliteWriteQueue"/>.
/// </summary>
internal sealed class SqliteFile : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly Lazy<Task> _initialized;
    private readonly string _synchronous;

    public SqliteFile(string databasePath, string schema, TimeSpan? busyTimeout = null, IReadOnlyList<string>? imports = null, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        Path = databasePath;
        _synchronous = synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL";
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(databasePath));
        if (folder is not null) DataFileModes.EnsureFolder(folder);
        DataFileModes.EnsureFile(databasePath, "-wal", "-shm");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)(busyTimeout ?? TimeSpan.FromSeconds(30)).TotalSeconds,
        }.ToString();
        _initialized = new Lazy<Task>(async () =>
        {
            // Earlier files first, so that the schema (and whatever it migrates) meets their tables as it would in them.
            if (imports is { Count: > 0 }) await SqliteImport.ImportAsync(databasePath, imports);
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = schema;
            await command.ExecuteNonQueryAsync();
        });
        Writes = new SqliteWriteQueue(OpenWriterAsync);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The file's write queue (group commit).</summary>
    public SqliteWriteQueue Writes { get; }

    /// <summary>Creates the file, imports earlier files and applies the schema, once.</summary>
    public Task InitializeAsync() => _initialized.Value;

    /// <summary>An open connection, the schema applied.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _initialized.Value;
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// The write queue's connection. <c>synchronous</c> is a setting of the connection, not of the file: set here
    /// on the one that commits (<see cref="SqliteSynchronous"/>; FULL unless chosen otherwise: every commit flushed).
    /// </summary>
    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = " + _synchronous;
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public ValueTask DisposeAsync() => Writes.DisposeAsync();
}
