using Microsoft.Data.Sqlite;

namespace Matching.Storage.Sqlite;

/// <summary>
/// One SQLite file of the embedded store beside the grain state (the live-event log, the row store):
/// created with owner-only modes (<see cref="DataFileModes"/>), its schema applied on first use, and
/// its writes committed together through one <see cref="SqliteWriteQueue"/>.
/// </summary>
internal sealed class SqliteFile : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly Lazy<Task> _initialized;

    public SqliteFile(string databasePath, string schema)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (folder is not null) DataFileModes.EnsureFolder(folder);
        DataFileModes.EnsureFile(databasePath, "-wal", "-shm");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _initialized = new Lazy<Task>(async () =>
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = schema;
            await command.ExecuteNonQueryAsync();
        });
        Writes = new SqliteWriteQueue(OpenAsync);
    }

    /// <summary>The file's write queue (group commit).</summary>
    public SqliteWriteQueue Writes { get; }

    /// <summary>An open connection, the schema applied.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _initialized.Value;
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public ValueTask DisposeAsync() => Writes.DisposeAsync();
}
