using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Compliance;
using Matching.Domain.Projects;
using Matching.Grains.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Grains.Tests;

/// <summary>
/// The yearly report's tallies through a real silo: a project's inbox and bid-list rows count once per
/// county however often the projection is replayed (here its rows, committed with its state, are replayed
/// by the activations after two restarts, as after a crash), and a replaced bid is no new one.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CountyYearTalliesTests(ClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_projection_replayed_after_restarts_counts_each_county_once()
    {
        var rows = fixture.Silo.GetRequiredService<IRowStore>();
        var tallies = new CountyYearTallies(rows);
        var counties = ClusterFixture.Seeds.Value.Province.Counties.Select(c => c.Adcode).ToList();
        var year = CountyYearTallies.YearOf(DateTimeOffset.UtcNow);
        var before = await tallies.ReadAsync(counties, year, Ct);

        var grain = fixture.Grains.GetGrain<IProjectGrain>(Guid.NewGuid());
        await grain.Create(new ProjectInput
        {
            Title = "年度计数", IndustryCode = "3612", Investment = 100_000, LandMu = 0, EnergyTce = 100, Jobs = 10, ExpectedTax = 100,
            Investor = new InvestorInput("甲", null, InvestorKind.Private),
        }, "officer");
        Assert.True((await grain.Publish("officer", null)).IsOk);
        // The publish's rows were committed with its state write, and its stored state still owes them until the
        // next write: every activation after a restart replays them (twice here), and they must count once.
        var management = fixture.Grains.GetGrain<Orleans.Runtime.IManagementGrain>(0);
        for (var restart = 0; restart < 2; restart++)
        {
#pragma warning disable xUnit1051 // The generated grain reference has a CancellationToken overload; a collection must not be cut short.
            await management.ForceActivationCollection(TimeSpan.Zero);
#pragma warning restore xUnit1051
            Assert.NotNull(await grain.Get());
        }

        Assert.True((await grain.PlaceBid(new BidInput { County = "370102", LandMu = 0, EnergyTce = 100, DeliveryMonths = 6, Commitments = "代办审批", Note = "首次" }, "county-370102", null)).IsOk);
        Assert.True((await grain.PlaceBid(new BidInput { County = "370102", LandMu = 0, EnergyTce = 100, DeliveryMonths = 5, Commitments = "代办审批", Note = "更新" }, "county-370102", null)).IsOk);

        var id = (await grain.Get())!.Id;
        var inboxes = new HashSet<string>();
        foreach (var county in counties)
            if (await rows.GetAsync("county-inbox", county, id.ToString("N"), Ct) is not null) inboxes.Add(county);
        Assert.NotEmpty(inboxes);
        var after = await tallies.ReadAsync(counties, year, Ct);
        Assert.All(counties, c => Assert.Equal(before[c].Fit + (inboxes.Contains(c) ? 1 : 0), after[c].Fit));
        Assert.All(counties, c => Assert.Equal(before[c].Bids + (c == "370102" ? 1 : 0), after[c].Bids));
    }
}
