using Matching.Contracts;
using Matching.Domain.Decisions;
using Matching.Domain.Parks;
using Matching.Domain.Projects;

namespace Matching.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DecisionTests(ClusterFixture fixture)
{
    /// <summary>A distinct seeded park per test, so that tests sharing the cluster never share a quota.</summary>
    private static ParkSeed Park(int index) => ClusterFixture.Seeds.Value.Parks
        .Where(p => p.Reference.CountyAdcode is not null && p.Profile.AvailableLandMu.Value >= 400)
        .OrderBy(p => p.Reference.Id, StringComparer.Ordinal)
        .ElementAt(index);

    private async Task<ParkSeed> SeededPark(int index)
    {
        var park = Park(index);
        await fixture.Grains.GetGrain<IParkGrain>(park.Reference.Id).Seed(park);
        var county = ClusterFixture.Seeds.Value.Counties.Single(c => c.Reference.Adcode == park.Reference.CountyAdcode);
        await fixture.Grains.GetGrain<ICountyGrain>(county.Reference.Adcode).Seed(county);
        return park;
    }

    private async Task<IProjectGrain> OpenProject(decimal landMu, decimal energyTce = 10)
    {
        var grain = fixture.Grains.GetGrain<IProjectGrain>(Guid.NewGuid());
        await grain.Create(new ProjectInput
        {
            Title = "统筹", IndustryCode = "3612", Investment = 100_000, LandMu = landMu, EnergyTce = energyTce, Jobs = 10, ExpectedTax = 100,
            Investor = new InvestorInput("甲", null, InvestorKind.Private),
        }, "officer");
        await grain.Publish("officer", null);
        return grain;
    }

    // These projects have no bids: the coordinator assigns them, and says so.
    private static DecisionInput Award(ParkSeed park, long version, DecisionKind kind = DecisionKind.Award) =>
        new(kind, park.Reference.CountyAdcode, park.Reference.Id, null, null, "产业契合、土地可用", version) { AssignsNonBidder = true };

    [Fact]
    public async Task An_award_reserves_land_and_energy_and_a_reopen_gives_them_back()
    {
        var park = await SeededPark(0);
        var grain = await OpenProject(landMu: 100, energyTce: 500);
        var id = grain.GetPrimaryKey();

        var awarded = await grain.Decide(Award(park, 2), "coordinator");

        Assert.Equal(ProjectStatus.Awarded, awarded.Value!.Status);
        Assert.Equal(100, (await fixture.Grains.GetGrain<IParkGrain>(park.Reference.Id).GetLandQuota()).ByProject[id]);
        Assert.Equal(500, (await fixture.Grains.GetGrain<ICountyGrain>(park.Reference.CountyAdcode!).GetEnergyQuota()).ByProject[id]);
        var decision = Assert.Single(await grain.GetDecisions());
        Assert.Equal(("coordinator", "产业契合、土地可用", 2L), (decision.DecidedBy, decision.Terms.Reason, decision.Terms.ExpectedVersion));

        var reopened = await grain.Decide(new DecisionInput(DecisionKind.Reopen, null, null, null, null, "投资方改变选址", awarded.Value.Version), "coordinator");

        Assert.Equal(ProjectStatus.Open, reopened.Value!.Status);
        Assert.DoesNotContain(id, (await fixture.Grains.GetGrain<IParkGrain>(park.Reference.Id).GetLandQuota()).ByProject.Keys);
        Assert.DoesNotContain(id, (await fixture.Grains.GetGrain<ICountyGrain>(park.Reference.CountyAdcode!).GetEnergyQuota()).ByProject.Keys);
    }

    [Fact]
    public async Task A_stale_decision_is_a_conflict_and_changes_nothing()
    {
        var park = await SeededPark(1);
        var grain = await OpenProject(landMu: 50);
        await grain.Update(new ProjectInput
        {
            Title = "改过", IndustryCode = "3612", Investment = 100_000, LandMu = 50, EnergyTce = 10, Jobs = 10, ExpectedTax = 100,
            Investor = new InvestorInput("甲", null, InvestorKind.Private),
        }, "officer", null);

        var stale = await grain.Decide(Award(park, 2), "coordinator");

        Assert.Equal(CommandStatus.Conflict, stale.Status);
        Assert.Equal(ProjectStatus.Open, (await grain.Get())!.Status);
        Assert.Empty(await grain.GetDecisions());
        Assert.DoesNotContain(grain.GetPrimaryKey(), (await fixture.Grains.GetGrain<IParkGrain>(park.Reference.Id).GetLandQuota()).ByProject.Keys);
    }

    [Fact]
    public async Task Co_building_splits_energy_by_shares()
    {
        var park = await SeededPark(2);
        var partner = ClusterFixture.Seeds.Value.Counties.First(c => c.Reference.Adcode != park.Reference.CountyAdcode);
        await fixture.Grains.GetGrain<ICountyGrain>(partner.Reference.Adcode).Seed(partner);
        var grain = await OpenProject(landMu: 60, energyTce: 1000);
        var lead = park.Reference.CountyAdcode!;

        var result = await grain.Decide(new DecisionInput(DecisionKind.CoBuild, lead, park.Reference.Id,
            [new DecisionShareInput(lead, 70), new DecisionShareInput(partner.Reference.Adcode, 30)], 10, "飞地共建 7:3", 2) { AssignsNonBidder = true }, "coordinator");

        Assert.Equal(ProjectStatus.CoBuilt, result.Value!.Status);
        var id = grain.GetPrimaryKey();
        Assert.Equal(700, (await fixture.Grains.GetGrain<ICountyGrain>(lead).GetEnergyQuota()).ByProject[id]);
        Assert.Equal(300, (await fixture.Grains.GetGrain<ICountyGrain>(partner.Reference.Adcode).GetEnergyQuota()).ByProject[id]);
        Assert.Equal(10, (await grain.GetDecisions())[0].Terms.Years);
    }

    [Fact]
    public async Task Racing_decisions_and_withdrawals_never_over_allocate_a_park()
    {
        var park = await SeededPark(3);
        var capacity = park.Profile.AvailableLandMu.Value;
        var need = Math.Floor(capacity / 8);
        var projects = new List<IProjectGrain>();
        for (var i = 0; i < 100; i++) projects.Add(await OpenProject(need));

        // 200 awards and 100 possible withdrawals (landing before or after the award) from parallel callers.
        var random = new Random(7);
        var operations = projects.SelectMany(p => new Func<Task>[]
        {
            () => p.Decide(Award(park, 2), "coordinator"),
            async () =>
            {
                await Task.Delay(random.Next(0, 20));
                if (random.Next(2) == 0) await p.Withdraw("officer", "撤回", null);
            },
            () => p.Decide(Award(park, 2), "coordinator-2"),
        }).OrderBy(_ => random.Next()).ToArray();
        await Parallel.ForEachAsync(operations, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (op, _) => await op());

        var quota = await fixture.Grains.GetGrain<IParkGrain>(park.Reference.Id).GetLandQuota();
        var awarded = new List<Guid>();
        foreach (var p in projects)
            if ((await p.Get())!.Status == ProjectStatus.Awarded) awarded.Add(p.GetPrimaryKey());

        Assert.Equal(awarded.Order(), quota.ByProject.Keys.Order());
        Assert.Equal(awarded.Count * need, quota.Reserved);
        Assert.True(quota.Reserved <= capacity, $"reserved {quota.Reserved} > capacity {capacity}");
        Assert.True(quota.Peak <= capacity, $"peak {quota.Peak} > capacity {capacity}");
        Assert.InRange(awarded.Count, 1, 8);

        // The county's energy, reserved by the same awards (10 tce each), agrees to the unit.
        var energy = await fixture.Grains.GetGrain<ICountyGrain>(park.Reference.CountyAdcode!).GetEnergyQuota();
        var here = energy.ByProject.Where(r => projects.Any(p => p.GetPrimaryKey() == r.Key)).ToArray();
        Assert.Equal(awarded.Order(), here.Select(r => r.Key).Order());
        Assert.Equal(awarded.Count * 10m, here.Sum(r => r.Value));
        Assert.True(energy.Peak <= energy.Capacity);
    }

    [Fact]
    public async Task A_decision_interrupted_after_reserving_is_concluded_once_on_reactivation()
    {
        var park = await SeededPark(4);
        var grain = await OpenProject(landMu: 80, energyTce: 40);
        var id = grain.GetPrimaryKey();
        InjectedDecisionFaults.FailOnce[id] = true;

        await Assert.ThrowsAnyAsync<Exception>(() => grain.Decide(Award(park, 2), "coordinator"));

        // The next call reactivates the grain, which finishes the pending decision from storage.
        var project = await Eventually(async () => await grain.Get(), p => p!.Status == ProjectStatus.Awarded);
        Assert.Equal(ProjectStatus.Awarded, project!.Status);
        Assert.Single(await grain.GetDecisions());
        var land = await fixture.Grains.GetGrain<IParkGrain>(park.Reference.Id).GetLandQuota();
        Assert.Equal(80, land.ByProject[id]);
        Assert.Equal(80, land.ByProject.Where(r => r.Key == id).Sum(r => r.Value));

        // A retry of the same decision is now stale: nothing is reserved twice.
        var retry = await grain.Decide(Award(park, 2), "coordinator");
        Assert.Equal(CommandStatus.Conflict, retry.Status);
        Assert.Equal(80, (await fixture.Grains.GetGrain<IParkGrain>(park.Reference.Id).GetLandQuota()).ByProject[id]);
    }

    [Fact]
    public async Task A_revision_interrupted_after_reserving_is_concluded_on_reactivation_releasing_the_old_park_once()
    {
        var (first, second) = (await SeededPark(5), await SeededPark(6));
        var grain = await OpenProject(landMu: 60, energyTce: 30);
        var id = grain.GetPrimaryKey();
        var awarded = await grain.Decide(Award(first, 2), "coordinator");
        InjectedDecisionFaults.FailOnce[id] = true;

        await Assert.ThrowsAnyAsync<Exception>(() => grain.Revise(Award(second, awarded.Value!.Version), "coordinator"));

        var project = await Eventually(async () => await grain.Get(), p => p!.Version > awarded.Value!.Version);
        Assert.Equal(ProjectStatus.Awarded, project!.Status);
        var decisions = await grain.GetDecisions();
        Assert.Equal(2, decisions.Count);
        Assert.True(decisions[1].IsRevision);
        Assert.Equal(second.Reference.Id, decisions[1].Terms.ParkId);
        Assert.DoesNotContain(id, (await fixture.Grains.GetGrain<IParkGrain>(first.Reference.Id).GetLandQuota()).ByProject.Keys);
        Assert.Equal(60, (await fixture.Grains.GetGrain<IParkGrain>(second.Reference.Id).GetLandQuota()).ByProject[id]);
        Assert.Equal(30, (await fixture.Grains.GetGrain<ICountyGrain>(second.Reference.CountyAdcode!).GetEnergyQuota()).ByProject[id]);
        if (first.Reference.CountyAdcode != second.Reference.CountyAdcode)
            Assert.DoesNotContain(id, (await fixture.Grains.GetGrain<ICountyGrain>(first.Reference.CountyAdcode!).GetEnergyQuota()).ByProject.Keys);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var i = 0; ; i++)
        {
            var value = await read();
            if (done(value) || i >= 50) return value;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
