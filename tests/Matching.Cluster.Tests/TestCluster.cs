using Matching.Testing;

namespace Matching.Cluster.Tests;

/// <summary>Several host processes of one cluster (one database, one cluster id), each with its own data folder.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<MatchingApi> _apis = [];

    private readonly string _root;

    private TestCluster(string connectionString, string root, IReadOnlyList<HostProcess> hosts)
    {
        _root = root;
        ConnectionString = connectionString;
        Hosts = hosts;
    }

    public string ConnectionString { get; }

    public IReadOnlyList<HostProcess> Hosts { get; }

    public SignIns SignIns { get; } = new();

    /// <summary>A migrated database and <paramref name="hosts"/> host processes (not started).</summary>
    public static async Task<TestCluster> CreateAsync(PostgresServer server, int hosts, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        var connectionString = await ClusterDatabase.CreateMigratedAsync(server, cancellationToken);
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        var root = Path.Combine(Path.GetTempPath(), "matching-cluster-" + clusterId);
        var processes = Enumerable.Range(0, hosts)
            .Select(i => HostProcess.ClusterMember($"host{i}", connectionString, clusterId, Path.Combine(root, $"host{i}"), settings))
            .ToList();
        return new TestCluster(connectionString, root, processes) { ClusterId = clusterId };
    }

    /// <summary>
    /// <paramref name="hosts"/> host processes (not started), each in its own namespace of
    /// <paramref name="network"/> on its own address, on <paramref name="postgres"/> in the hub.
    /// </summary>
    public static TestCluster CreateIsolated(IsolatedNetwork network, HubPostgres postgres, int hosts, IReadOnlyDictionary<string, string>? settings = null)
    {
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        var root = Path.Combine(Path.GetTempPath(), "matching-cluster-" + clusterId);
        var processes = Enumerable.Range(0, hosts)
            .Select(i => HostProcess.ClusterMember($"host{i}", postgres.HostConnectionString, clusterId, Path.Combine(root, $"host{i}"), settings,
                placement: new HostPlacement(network.HostNamespace(i), IsolatedNetwork.HostAddress(i), network.CreateHandler)))
            .ToList();
        return new TestCluster(postgres.TestConnectionString, root, processes) { ClusterId = clusterId };
    }

    /// <summary>The Orleans cluster id (the membership table's deployment id).</summary>
    public string ClusterId { get; private init; } = "";

    /// <summary>Starts every host not running, the first alone (it creates the membership version row and the seeds), the rest together.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stopped = Hosts.Where(h => !h.IsRunning).ToList();
        if (stopped.Count == 0) return;
        await stopped[0].StartAsync(cancellationToken: cancellationToken);
        await Task.WhenAll(stopped.Skip(1).Select(h => h.StartAsync(cancellationToken: cancellationToken)));
    }

    /// <summary>SIGTERM to every host at once; returns each host's graceful stop time.</summary>
    public Task<TimeSpan[]> StopAsync() => Task.WhenAll(Hosts.Select(h => h.StopAsync()));

    /// <summary>A client of host <paramref name="host"/> (through <paramref name="handler"/> when given), disposed with the cluster.</summary>
    public MatchingApi Api(int host, TimeSpan? timeout = null, HttpMessageHandler? handler = null)
    {
        var api = new MatchingApi(Hosts[host], SignIns, timeout, handler);
        _apis.Add(api);
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var api in _apis) api.Dispose();
        foreach (var host in Hosts) await host.DisposeAsync();
        try
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
