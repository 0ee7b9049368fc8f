using Matching.Contracts;
using Matching.Domain.Projects;
using Matching.Engine;
using Matching.Grains.Persistence;
using Matching.Search;
using Matching.Search.Lucene;
using Matching.Seeds;
using Matching.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Matching.Grains.Tests;

/// <summary>
/// A project's bidding deadline expires it through a durable reminder, on a silo whose clock the test
/// sets: the deadline's day ends seconds after the project is published, and the reminder (firing on its
/// own, in real time) finds the deadline passed.
/// </summary>
public sealed class DeadlineExpiryTests : IAsyncLifetime
{
    /// <summary>The silo's clock: real time shifted to where the test puts it; its timers are the system's.</summary>
    private static readonly ShiftedClock Clock = new();

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "matching-deadline-tests", Guid.NewGuid().ToString("N"));
    private TestCluster _cluster = null!;

    private static ProjectInput Input(DateOnly deadline) => new()
    {
        Title = "截止过期测试项目",
        Description = "高效 TOPCon 光伏组件",
        IndustryCode = "3825",
        Investment = 300_000,
        LandMu = 400,
        EnergyTce = 8000,
        Jobs = 900,
        ExpectedTax = 12_000,
        Investor = new InvestorInput("某光伏科技有限公司", null, InvestorKind.Private),
        FirstContactCounty = "370883",
        Deadline = deadline,
    };

    [Fact]
    public async Task An_open_project_expires_when_its_deadline_day_ends_and_one_with_a_later_deadline_stays_open()
    {
        // Ten seconds before the deadline day ends in China. The clock only ever moves forward: the
        // silo's own machinery (activation collection) reads the same TimeProvider and refuses a past.
        var china = TimeSpan.FromHours(8);
        var chinaNow = DateTimeOffset.UtcNow.ToOffset(china);
        var today = DateOnly.FromDateTime(chinaNow.DateTime);
        var tenSecondsBefore = new DateTimeOffset(today.ToDateTime(new TimeOnly(23, 59, 50)), china);
        if (tenSecondsBefore <= chinaNow.AddSeconds(5))
        {
            today = today.AddDays(1);
            tenSecondsBefore = tenSecondsBefore.AddDays(1);
        }
        Clock.Set(tenSecondsBefore);
        var due = _cluster.GrainFactory.GetGrain<IProjectGrain>(Guid.NewGuid());
        var later = _cluster.GrainFactory.GetGrain<IProjectGrain>(Guid.NewGuid());
        Assert.True((await due.Create(Input(today), "officer-a")).IsOk);
        Assert.True((await due.Publish("officer-a", null)).IsOk);
        Assert.True((await later.Create(Input(today.AddDays(1)), "officer-a")).IsOk);
        Assert.True((await later.Publish("officer-a", null)).IsOk);

        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await due.Get())!.Status != ProjectStatus.Expired && DateTime.UtcNow < deadline)
            await Task.Delay(250, TestContext.Current.CancellationToken);

        Assert.Equal(ProjectStatus.Expired, (await due.Get())!.Status);
        var last = (await due.GetHistory(new HistoryQuery(Take: 1, NewestFirst: true))).Entries.Single();
        Assert.Equal(ProjectTrigger.Expire, last.Trigger);
        Assert.Equal("system", last.Actor);
        Assert.Equal(ProjectStatus.Open, (await later.Get())!.Status);
    }

    public async ValueTask InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Properties["MatchingFolder"] = _folder;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        var services = ((InProcessSiloHandle)_cluster.Primary!).SiloHost.Services;
        await services.GetRequiredService<ISearchEngine>().EnsureIndexesAsync();
        await services.GetRequiredService<CandidateRegistry>().LoadAsync(ClusterFixture.Seeds.Value.InitialCandidates(DateTimeOffset.UnixEpoch).ToArray(), []);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var seeds = ClusterFixture.Seeds.Value;
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.AddMatchingGrains(seeds.Province, FairCompetitionRules.Load(ShandongSeeds.DefaultPath))
                .AddMatchingSqliteStorage(MatchingStorage.Name, silo.Configuration["MatchingFolder"]!);
            silo.Services.AddLuceneSearch(options => options.IndexPath = Path.Combine(silo.Configuration["MatchingFolder"]!, "index"));
            silo.Services.AddMatchingEngine(_ => (seeds.Chains, seeds.Province.Industries, seeds.ChemicalParks));
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
            client.Services.AddSerializer(serializer => serializer.AddMatchingSerialization());
    }
}

/// <summary>Real time moved by an offset: "now" is where the test put it, timers and timestamps run as the system's.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    private TimeSpan _offset;

    public void Set(DateTimeOffset now) => _offset = now - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
