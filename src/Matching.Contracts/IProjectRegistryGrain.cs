namespace Matching.Contracts;

/// <summary>
/// The ids of every project, sharded by the first hex digit of the id (16 shards), so that derived
/// indexes can be rebuilt from grain state without a storage-specific scan. A project list keyed by
/// the shard (<see cref="ShardOf"/>).
/// </summary>
[Alias("Matching.IProjectRegistryGrain")]
public interface IProjectRegistryGrain : IProjectListGrain
{
    /// <summary>The shard key of a project id.</summary>
    public static string ShardOf(Guid id) => id.ToString("N")[..1];

    /// <summary>All shard keys.</summary>
    public static IReadOnlyList<string> Shards { get; } = [.. "0123456789abcdef".Select(c => c.ToString())];
}
