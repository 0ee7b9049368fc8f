namespace Matching.Storage.Sqlite;

/// <summary>
/// The embedded profile's data is the owner's alone: folders 0700, files 0600 (SQLite gives its WAL and
/// shared-memory files the database file's mode, so creating the database 0600 covers them). Existing
/// files of an earlier installation are narrowed when opened. No effect on Windows, whose ACLs are inherited.
/// </summary>
public static class DataFileModes
{
    /// <summary>rw for the owner only.</summary>
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>rwx for the owner only.</summary>
    public const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder (and missing parents) as 0700, or narrows an existing one to 0700.</summary>
    public static void EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (Directory.Exists(path)) System.IO.File.SetUnixFileMode(path, Folder);
        else Directory.CreateDirectory(path, Folder);
    }

    /// <summary>Creates an empty file as 0600 unless it exists, and narrows it (and the given companions, e.g. <c>-wal</c>) to 0600.</summary>
    public static void EnsureFile(string path, params string[] companionSuffixes)
    {
        if (!OperatingSystem.IsWindows() && !System.IO.File.Exists(path))
        {
            try
            {
                using var _ = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = File });
            }
            catch (IOException) when (System.IO.File.Exists(path))
            {
                // Created by another process in between: narrowed below like any existing file.
            }
        }

        Restrict(path);
        foreach (var suffix in companionSuffixes) Restrict(path + suffix);
    }

    /// <summary>Narrows an existing file to 0600.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && System.IO.File.Exists(path)) System.IO.File.SetUnixFileMode(path, File);
    }
}
