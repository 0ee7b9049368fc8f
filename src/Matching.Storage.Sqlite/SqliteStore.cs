namespace Matching.Storage.Sqlite;

/// <summary>
/// The embedded profile's store: one SQLite file (<c>matching.db</c>) holding the grain state, the
/// live-event log, the row store and the reminders, with one write queue. A bid's grain write, its row
/// projections and its live events, and those of every other caller waiting meanwhile, are committed in
/// shared transactions, one flush each, where four files flushed four times. A folder written in the
/// earlier layout (<c>grains.db</c>, <c>events.db</c>, <c>rows.db</c>, <c>reminders.db</c>) is imported on
/// first use and its files renamed <c>*.imported</c>.
/// </summary>
public sealed class SqliteStore : IAsyncDisposable
{
    /// <summary>The store's file name in its folder.</summary>
    public const string FileName = "matching.db";

    /// <summary>The files of the earlier layout, a file per concern, imported by <see cref="InFolder"/>.</summary>
    public static readonly IReadOnlyList<string> EarlierFiles = ["grains.db", "events.db", "rows.db", "reminders.db"];

    private static readonly string Schema = string.Join(
        Environment.NewLine, SqliteGrainStorage.Schema, SqliteEventLog.Schema, SqliteRowStore.Schema, SqliteReminderTable.Schema);

    /// <summary>A store in <paramref name="databasePath"/>, importing <paramref name="importFrom"/> (files of the earlier layout) on first use.</summary>
    public SqliteStore(string databasePath, IReadOnlyList<string>? importFrom = null, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        File = new SqliteFile(databasePath, Schema, imports: importFrom, synchronous: synchronous);
    }

    /// <summary>The store of a data folder: <c>matching.db</c>, importing the earlier layout's files found beside it.</summary>
    public static SqliteStore InFolder(string folder, SqliteSynchronous synchronous = SqliteSynchronous.Full) =>
        new(Path.Combine(folder, FileName), [.. EarlierFiles.Select(f => Path.Combine(folder, f))], synchronous);

    /// <summary>The database file.</summary>
    public string DatabasePath => File.Path;

    internal SqliteFile File { get; }

    /// <summary>Creates the file, imports the earlier files and applies the schema; done on first use otherwise.</summary>
    public Task InitializeAsync() => File.InitializeAsync();

    /// <summary>Commits what is queued and stops the write queue.</summary>
    public ValueTask DisposeAsync() => File.DisposeAsync();
}
