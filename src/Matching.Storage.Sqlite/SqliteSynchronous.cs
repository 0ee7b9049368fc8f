namespace Matching.Storage.Sqlite;

/// <summary>
/// When the embedded store's commits reach the disk (SQLite's <c>synchronous</c>, in WAL mode). Either way
/// a write is acknowledged only once committed, and a committed write survives a kill of the process.
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>Every commit is flushed (fsync of the WAL) before it is acknowledged: it survives a power loss too. The default.</summary>
    Full,

    /// <summary>
    /// Commits are written to the WAL but flushed only at checkpoints: a kill of the process loses nothing,
    /// a power loss or an operating-system crash may lose the last commits (never corrupts the file).
    /// </summary>
    Normal,
}
