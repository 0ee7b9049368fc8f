using Matching.Testing;

namespace Matching.Cluster.Tests;

/// <summary>
/// One throwaway PostgreSQL server for the whole project; every test makes its own database and
/// cluster id on it. The tests run one after another: each starts several host processes on two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "cluster";
}
