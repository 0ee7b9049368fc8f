using Matching.Contracts;
using Matching.Engine;
using Matching.Grains;
using Matching.Grains.Persistence;
using Matching.Grains.Projects;
using Matching.Search;
using Matching.Search.Lucene;
using Matching.Seeds;
using Matching.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Matching.Grains.Tests;

/// <summary>
/// An in-process cluster of two silos sharing one SQLite store, so grains land on either silo and
/// state written by one is read by the other after deactivation.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    internal static readonly Lazy<ShandongSeeds> Seeds = new(() => ShandongSeeds.Load(ShandongSeeds.DefaultPath));

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "matching-grain-tests", Guid.NewGuid().ToString("N"));

    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>The folder of the silos' SQLite files.</summary>
    public string Folder => _folder;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The first silo's services (the row-store collections read the same files as every silo's).</summary>
    public IServiceProvider Silo => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;

    /// <summary>The county inboxes, as stored.</summary>
    public Inboxes.CountyInbox Inbox => Silo.GetRequiredService<Inboxes.CountyInbox>();

    /// <summary>The project lists (the registry among them), as stored.</summary>
    public Registry.ProjectLists Lists => Silo.GetRequiredService<Registry.ProjectLists>();

    public async ValueTask InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.Properties["MatchingFolder"] = _folder;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        // Each silo matches with its own snapshot of the seeded counties, as each host does.
        foreach (var silo in Cluster.Silos.OfType<InProcessSiloHandle>())
        {
            var services = silo.SiloHost.Services;
            await services.GetRequiredService<ISearchEngine>().EnsureIndexesAsync();
            await services.GetRequiredService<CandidateRegistry>().LoadAsync(Seeds.Value.InitialCandidates(DateTimeOffset.UnixEpoch).ToArray(), []);
            await services.GetRequiredService<ISearchEngine>().RefreshAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddMatchingGrains(Seeds.Value.Province, FairCompetitionRules.Load(ShandongSeeds.DefaultPath))
                .AddMatchingEscalation(EscalationRules.Load(ShandongSeeds.DefaultPath))
                .AddMatchingSqliteStorage(MatchingStorage.Name, silo.Configuration["MatchingFolder"]!);
            // The row store, failing a collection's writes when a test asks (InjectedRowFaults).
            var rows = silo.Services.Last(d => d.ServiceType == typeof(Matching.Contracts.Persistence.IRowStore));
            silo.Services.AddSingleton<Matching.Contracts.Persistence.IRowStore>(services =>
                new InjectedRowFaults((Matching.Contracts.Persistence.IRowStore)rows.ImplementationFactory!(services)));
            // One Lucene writer per folder: each silo indexes into its own.
            silo.Services.AddLuceneSearch(options => options.IndexPath = Path.Combine(silo.Configuration["MatchingFolder"]!, "index-" + Guid.NewGuid().ToString("N")));
            silo.Services.AddMatchingEngine(_ => (Seeds.Value.Chains, Seeds.Value.Province.Industries, Seeds.Value.ChemicalParks));
            silo.Services.AddSingleton<DecisionFaults, InjectedDecisionFaults>();
            silo.AddIncomingGrainCallFilter<UnreachableCounties>();
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.Services.AddSerializer(serializer => serializer.AddMatchingSerialization());
    }
}

/// <summary>Throws once, between reserving and recording, for the projects a test names.</summary>
public sealed class InjectedDecisionFaults : DecisionFaults
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> FailOnce = new();

    public override Task AfterReservation(Guid projectId) =>
        FailOnce.TryRemove(projectId, out _) ? throw new InvalidOperationException("Injected fault after reservation") : Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
