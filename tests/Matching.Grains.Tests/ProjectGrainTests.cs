using Matching.Contracts;
using Matching.Domain.Projects;
using Orleans.Runtime;

namespace Matching.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ProjectGrainTests(ClusterFixture fixture)
{
    private static ProjectInput Input(string title = "光伏组件项目") => new()
    {
        Title = title,
        Description = "高效 TOPCon 光伏组件",
        IndustryCode = "3825",
        Investment = 300_000,
        LandMu = 400,
        EnergyTce = 8000,
        Jobs = 900,
        ExpectedTax = 12_000,
        Investor = new InvestorInput("某光伏科技有限公司", null, InvestorKind.Private),
        FirstContactCounty = "370883",
    };

    private IProjectGrain NewProject() => fixture.Grains.GetGrain<IProjectGrain>(Guid.NewGuid());

    [Fact]
    public async Task Draft_publish_withdraw_with_history()
    {
        var grain = NewProject();
        var before = DateTimeOffset.UtcNow;

        var created = await grain.Create(Input(), "officer-a");
        var published = await grain.Publish("officer-a", expectedVersion: 1);
        var withdrawn = await grain.Withdraw("coordinator", "投资方改变计划", expectedVersion: null);

        Assert.Equal(ProjectStatus.Draft, created.Value!.Status);
        Assert.Equal(ProjectStatus.Open, published.Value!.Status);
        Assert.Equal(ProjectStatus.Withdrawn, withdrawn.Value!.Status);
        var history = (await grain.GetHistory(new HistoryQuery())).Entries;
        Assert.Equal([ProjectEventKind.Created, ProjectEventKind.Transitioned, ProjectEventKind.Transitioned], history.Select(e => e.Kind));
        Assert.Equal([ProjectTrigger.Publish, ProjectTrigger.Withdraw], history.Skip(1).Select(e => e.Trigger!.Value));
        Assert.Equal(["officer-a", "officer-a", "coordinator"], history.Select(e => e.Actor));
        Assert.Equal("投资方改变计划", history[2].Note);
        Assert.All(history, e => Assert.InRange(e.At, before, DateTimeOffset.UtcNow));
        Assert.Equal([1, 2, 3], history.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Forbidden_transitions_are_conflicts_that_change_nothing()
    {
        var grain = NewProject();
        await grain.Create(Input(), "officer");
        await grain.Publish("officer", null);

        var again = await grain.Publish("officer", null);
        await grain.Withdraw("officer", null, null);
        var edit = await grain.Update(Input("改"), "officer", null);
        var publish = await grain.Publish("officer", null);

        Assert.Equal(CommandStatus.Conflict, again.Status);
        Assert.Equal(CommandStatus.Conflict, edit.Status);
        Assert.Equal(CommandStatus.Conflict, publish.Status);
        var project = (await grain.Get())!;
        Assert.Equal(ProjectStatus.Withdrawn, project.Status);
        Assert.Equal("光伏组件项目", project.Details.Title);
        Assert.Equal(3, (await grain.GetHistory(new HistoryQuery())).Total);
    }

    [Fact]
    public async Task Invalid_input_crosses_silos_with_its_field_errors()
    {
        var grain = NewProject();

        var result = await grain.Create(Input() with { LandMu = -1, IndustryCode = "9999", FirstContactCounty = "110101" }, "officer");

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal(["firstContactCounty", "industryCode", "landMu"], result.Errors!.Keys.Order());
        Assert.Null(await grain.Get());
    }

    [Fact]
    public async Task Stale_versions_and_duplicate_creates_are_refused()
    {
        var grain = NewProject();
        await grain.Create(Input(), "officer");

        var duplicate = await grain.Create(Input("第二次"), "officer");
        var stale = await grain.Update(Input("旧版本"), "officer", expectedVersion: 7);

        Assert.Equal(CommandStatus.Conflict, duplicate.Status);
        Assert.Equal(CommandStatus.VersionMismatch, stale.Status);
        Assert.Equal(1, (await grain.Get())!.Version);
    }

    [Fact]
    public async Task Unknown_projects_are_not_found()
    {
        var result = await NewProject().Publish("officer", null);

        Assert.Equal(CommandStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task State_survives_deactivation()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IProjectGrain>(id);
        await grain.Create(Input("持久化检验"), "officer");
        await grain.Publish("officer", null);
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        Assert.True(await CountActivations(management) > 0);

#pragma warning disable xUnit1051 // The generated grain reference has a CancellationToken overload; a collection must not be cut short.
        await management.ForceActivationCollection(TimeSpan.Zero);
#pragma warning restore xUnit1051

        Assert.Equal(0, await CountActivations(management));
        var reloaded = await fixture.Grains.GetGrain<IProjectGrain>(id).Get();
        Assert.Equal("持久化检验", reloaded!.Details.Title);
        Assert.Equal(ProjectStatus.Open, reloaded.Status);
        Assert.Equal(2, (await fixture.Grains.GetGrain<IProjectGrain>(id).GetHistory(new HistoryQuery())).Total);
    }

    private static async Task<int> CountActivations(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains(nameof(Projects.ProjectGrain), StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
}

[Collection(ClusterCollection.Name)]
public sealed class StandingInterestTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Publishing_puts_the_project_in_the_inboxes_of_the_counties_it_fits_and_withdrawing_takes_it_out()
    {
        var grain = fixture.Grains.GetGrain<IProjectGrain>(Guid.NewGuid());
        var id = grain.GetPrimaryKey();
        // 服务器/计算机整机 is a featured industry of several Shandong counties' parks (电子信息).
        await grain.Create(new ProjectInput
        {
            Title = "服务器整机项目", IndustryCode = "3911", Investment = 200_000, LandMu = 30, EnergyTce = 3000, Jobs = 800, ExpectedTax = 9000,
            Investor = new InvestorInput("某信息技术公司", null, InvestorKind.Soe),
        }, "officer");

        await grain.Publish("officer", null);

        var interests = (await grain.GetIndexView())!.FitCounties;
        Assert.NotEmpty(interests);
        foreach (var adcode in interests)
            Assert.Contains((await fixture.Inbox.ReadAsync(adcode, null, 0, 500, cancellationToken: TestContext.Current.CancellationToken)).Entries, e => e.ProjectId == id && e.Score >= 30);

        await grain.Withdraw("officer", null, null);

        Assert.Empty((await grain.GetIndexView())!.FitCounties);
        foreach (var adcode in interests)
            Assert.DoesNotContain((await fixture.Inbox.ReadAsync(adcode, null, 0, 500, cancellationToken: TestContext.Current.CancellationToken)).Entries, e => e.ProjectId == id);
    }

    [Fact]
    public async Task Every_created_project_is_in_the_registry()
    {
        var id = Guid.NewGuid();
        await fixture.Grains.GetGrain<IProjectGrain>(id).Create(new ProjectInput
        {
            Title = "登记", IndustryCode = "3612", Investment = 1, LandMu = 0, EnergyTce = 0, Jobs = 0, ExpectedTax = 0,
            Investor = new InvestorInput("甲", null, InvestorKind.Private),
        }, "officer");

        var registry = new List<Guid>();
        await foreach (var page in fixture.Lists.ReadAllAsync(Registry.ProjectLists.Registry, 500, TestContext.Current.CancellationToken)) registry.AddRange(page);
        Assert.Contains(id, registry);
    }
}
