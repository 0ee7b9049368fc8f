using Matching.Contracts;
using Matching.Domain.Compliance;
using Matching.Domain.Projects;

namespace Matching.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class BidTests(ClusterFixture fixture)
{
    private async Task<IProjectGrain> OpenProject()
    {
        var grain = fixture.Grains.GetGrain<IProjectGrain>(Guid.NewGuid());
        await grain.Create(new ProjectInput
        {
            Title = "意向", IndustryCode = "3612", Investment = 100_000, LandMu = 0, EnergyTce = 100, Jobs = 10, ExpectedTax = 100,
            Investor = new InvestorInput("甲", null, InvestorKind.Private),
        }, "officer");
        await grain.Publish("officer", null);
        return grain;
    }

    private static BidInput Offer(string county, string note = "专班服务") =>
        new() { County = county, LandMu = 0, EnergyTce = 100, DeliveryMonths = 6, Commitments = "代办审批", Note = note };

    [Fact]
    public async Task Two_counties_contest_and_retries_are_idempotent()
    {
        var grain = await OpenProject();

        var first = await grain.PlaceBid(Offer("370102"), "county-370102", "k1");
        var version = (await grain.Get())!.Version;
        var retry = await grain.PlaceBid(Offer("370102"), "county-370102", "k1");
        var reused = await grain.PlaceBid(Offer("370102", "重试"), "county-370102", "k1");
        var second = await grain.PlaceBid(Offer("370103"), "county-370103", null);

        Assert.Equal(CommandStatus.Ok, first.Status);
        Assert.Equal((first.Value!.Bid.Note, first.Value.PlacedAt), (retry.Value!.Bid.Note, retry.Value.PlacedAt));
        Assert.Equal(CommandStatus.KeyReused, reused.Status);
        Assert.Contains("Idempotency-Key", reused.Errors!.Keys);
        Assert.Equal(CommandStatus.Ok, second.Status);
        // The retry and the reused key changed nothing; only the second county's bid did: the bid, the contest
        // it made, and the contest's routing to the level that decides it (escalation rules).
        Assert.Equal(version + 3, (await grain.Get())!.Version);
        Assert.Equal(ProjectStatus.Contested, (await grain.Get())!.Status);
        Assert.Equal(["370102", "370103"], (await grain.GetBids()).Select(b => b.Bid.County));
    }

    [Fact]
    public async Task An_idempotency_key_is_the_callers_own()
    {
        var grain = await OpenProject();

        var a = await grain.PlaceBid(Offer("370102", "甲县方案"), "county-370102", "same-key");
        var b = await grain.PlaceBid(Offer("370103", "乙县方案"), "county-370103", "same-key");

        // County B sending county A's key places B's own bid; it never gets A's back.
        Assert.Equal(("370102", "甲县方案"), (a.Value!.Bid.County, a.Value.Bid.Note));
        Assert.Equal(("370103", "乙县方案"), (b.Value!.Bid.County, b.Value.Bid.Note));
        Assert.Equal(["370102", "370103"], (await grain.GetBids()).Select(x => x.Bid.County));
    }

    [Fact]
    public async Task The_firewall_rejects_across_silos_with_the_field_and_nothing_changes()
    {
        var grain = await OpenProject();
        var version = (await grain.Get())!.Version;

        var result = await grain.PlaceBid(Offer("370102", "按纳税额给予奖励"), "county-370102", null);

        Assert.Equal(CommandStatus.Rejected, result.Status);
        Assert.True(result.Errors!.ContainsKey("note"));
        Assert.Empty(await grain.GetBids());
        Assert.Equal(version, (await grain.Get())!.Version);
    }
}
