using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Matching.Grains;
using Matching.Grains.Persistence;
using Matching.Host.Seeding;
using Matching.Seeds;
using Matching.Storage.PostgreSql;
using Matching.Storage.Sqlite;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Matching.Host.Hosting;

/// <summary>Co-hosts the Orleans silo in the web host.</summary>
public static class SiloHosting
{
    /// <summary>Default silo-to-silo and gateway ports of the cluster profile (Orleans' own defaults).</summary>
    public const int ClusterSiloPort = 11111, ClusterGatewayPort = 30000;

    /// <summary>
    /// Adds the silo for the configured profile (<see cref="MatchingProfile"/>): its clustering, grain
    /// storage and reminders, the seeds read from disk, and the seed loader that fills a new store on
    /// first start.
    /// </summary>
    public static WebApplicationBuilder AddMatchingSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var profile = configuration.Profile();
        var seedsPath = configuration["Seeds:Path"] ?? ShandongSeeds.DefaultPath;
        var seeds = ShandongSeeds.Load(seedsPath);
        builder.Services.AddSingleton(seeds);
        builder.Services.AddSingleton<SeedStatus>();

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        storage.Provider = configuration.StorageProvider();
        builder.Services.Configure<StorageOptions>(options =>
        {
            configuration.GetSection(StorageOptions.Section).Bind(options);
            options.Provider = storage.Provider;
        });
        var silo = configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var postgres = storage.Provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase);
        if (profile == MatchingProfile.Cluster && !postgres)
            throw new InvalidOperationException(
                $"Matching:Profile=Cluster keeps grain state, membership and reminders on PostgreSQL; Storage:Provider '{storage.Provider}' cannot be shared by several hosts.");
        var connectionString = postgres
            ? PostgresSessionBounds.Apply(
                storage.ConnectionString ?? throw new InvalidOperationException("Storage:ConnectionString is required with PostgreSQL storage (Matching:Profile=Cluster or Storage:Provider=PostgreSql)."),
                configuration.GetValue(PostgresSessionBounds.Key, PostgresSessionBounds.Default))
            : null;

        builder.UseOrleans(orleans =>
        {
            if (profile == MatchingProfile.Cluster)
                UseCluster(orleans, silo, connectionString!);
            else
            {
                var (freeSilo, freeGateway) = TwoFreePorts();
                orleans.UseLocalhostClustering(
                    siloPort: silo.SiloPort == 0 ? freeSilo : silo.SiloPort,
                    gatewayPort: silo.GatewayPort == 0 ? freeGateway : silo.GatewayPort,
                    serviceId: silo.ServiceId,
                    clusterId: silo.ClusterId);
            }
            // Failure detection (probe timeouts, votes) is tunable under Orleans:Membership, over the
            // cluster profile's bounded defaults (BoundFailureDetection) or Orleans' own (embedded).
            orleans.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
            orleans.AddMatchingGrains(seeds.Province, FairCompetitionRules.Load(seedsPath));
            orleans.AddMatchingEscalation(EscalationRules.Load(seedsPath), configuration.GetValue<TimeSpan?>("Escalation:Timeout"));

            switch (storage.Provider.ToLowerInvariant())
            {
                // Grain state, reminders, the live-event log and the row store are chosen together.
                case "sqlite":
                    orleans.AddMatchingSqliteStorage(MatchingStorage.Name, Path.GetFullPath(storage.Path), storage.Synchronous);
                    break;
                case "postgresql":
                    orleans.AddMatchingPostgreSqlStorage(MatchingStorage.Name, connectionString!);
                    break;
                default:
                    throw new InvalidOperationException(
                        $"Storage:Provider '{storage.Provider}' is not supported; use 'Sqlite' or 'PostgreSql'.");
            }

            // Spans for grain calls (ActivitySources Microsoft.Orleans.*), exported by the telemetry set-up.
            orleans.AddActivityPropagation();
            if (configuration.GetValue("Orleans:Dashboard:Enabled", true))
                orleans.AddDashboard();
        });

        // After the silo, so that it watches once the silo is active (cluster profile).
        builder.AddMembershipFence(profile);

        // Graceful shutdown: on SIGTERM the web server stops first (SignalR closes its connections,
        // requests in flight finish), then the silo leaves the cluster and deactivates its grains, which
        // write their state. All of it within this timeout.
        builder.Services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = configuration.GetValue("Matching:ShutdownTimeout", TimeSpan.FromSeconds(30)));

        // Registered after the silo, so it starts once the silo is up.
        builder.Services.AddHostedService<SeedLoader>();
        builder.Services.AddHostedService<RowExpiry>();
        return builder;
    }

    private static void UseCluster(ISiloBuilder orleans, SiloOptions silo, string connectionString)
    {
        var advertised = silo.AdvertisedIPAddress is { Length: > 0 } configured
            ? IPAddress.Parse(configured)
            : FirstNonLoopbackAddress();
        orleans.Configure<ClusterOptions>(options =>
        {
            options.ServiceId = silo.ServiceId;
            options.ClusterId = silo.ClusterId;
        });
        orleans.ConfigureEndpoints(
            advertised,
            silo.SiloPort == 0 ? ClusterSiloPort : silo.SiloPort,
            silo.GatewayPort == 0 ? ClusterGatewayPort : silo.GatewayPort,
            listenOnAnyHostAddress: silo.ListenOnAnyHostAddress && !IPAddress.IsLoopback(advertised));
        orleans.UsePostgreSqlClustering(connectionString);
        orleans.Configure<ClusterMembershipOptions>(BoundFailureDetection);
    }

    /// <summary>
    /// Failure detection of the cluster profile, bounded so that a lost or cut-off host is declared dead
    /// within about 20 s even when the survivor itself is degraded (configuration under
    /// <c>Orleans:Membership</c> still overrides each value). Orleans' defaults stretch a probe by the
    /// survivor's local health degradation score up to <see cref="ClusterMembershipOptions.MaxProbeTimeout"/>
    /// (4 × 5 s): three missed probes of 20 s, and a vote suppressed while the connection saw a message
    /// within 3 × 20 s, come to more than a minute on a busy machine. Here a probe starts at 2 s and
    /// never waits more than 5 s, so three misses take at most 15 s; a silo that stops writing
    /// IAmAlive is stale after 30 s instead of 90 s, and a silo that was cut off reads the table (and
    /// learns it was declared dead) within 10 s of the link's return instead of 60 s.
    /// </summary>
    private static void BoundFailureDetection(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.MinProbeTimeout = TimeSpan.FromSeconds(1);
        options.MaxProbeTimeout = TimeSpan.FromSeconds(5);
        options.NumMissedProbesLimit = 3;
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        options.TableRefreshTimeout = TimeSpan.FromSeconds(10);
    }

    private static IPAddress FirstNonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? IPAddress.Loopback;

    /// <summary>Two free loopback ports, held open together while chosen so that they differ.</summary>
    private static (int, int) TwoFreePorts()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
    }
}
