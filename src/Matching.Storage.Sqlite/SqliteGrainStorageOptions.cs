using Orleans.Storage;

namespace Matching.Storage.Sqlite;

/// <summary>Options of <see cref="SqliteGrainStorage"/>.</summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Path of the database file; its folder is created when missing.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "grains.db");

    /// <summary>How long a write waits for another connection's lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The serializer of grain state; when null, the one registered in the container.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
