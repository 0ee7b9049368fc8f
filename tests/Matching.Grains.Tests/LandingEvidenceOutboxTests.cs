using System.Collections.Concurrent;
using Matching.Contracts;
using Matching.Domain.Decisions;
using Matching.Domain.Evidence;
using Matching.Domain.Landing;
using Matching.Domain.Projects;

namespace Matching.Grains.Tests;

/// <summary>
/// A confirmed signing becomes evidence of the landing county through the project's outbox: stored with the
/// confirmation, sent again until the county has it, recorded once. On a real cluster, with the county's calls
/// refused at the silo while a test names it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LandingEvidenceOutboxTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_signing_confirmed_while_the_county_cannot_be_reached_is_recorded_once_it_can()
    {
        // A park of its own (no other grain test takes parks from this end of the list).
        var park = ClusterFixture.Seeds.Value.Parks
            .Where(p => p.Reference.CountyAdcode is not null && p.Profile.AvailableLandMu.Value >= 400)
            .OrderByDescending(p => p.Reference.Id, StringComparer.Ordinal)
            .ElementAt(1);
        var adcode = park.Reference.CountyAdcode!;
        await fixture.Grains.GetGrain<IParkGrain>(park.Reference.Id).Seed(park);
        await fixture.Grains.GetGrain<ICountyGrain>(adcode).Seed(ClusterFixture.Seeds.Value.Counties.Single(c => c.Reference.Adcode == adcode));

        var grain = fixture.Grains.GetGrain<IProjectGrain>(Guid.NewGuid());
        var id = grain.GetPrimaryKey();
        await grain.Create(new ProjectInput
        {
            Title = "签约证据补记项目", IndustryCode = "3612", Investment = 100_000, LandMu = 50, EnergyTce = 10, Jobs = 10, ExpectedTax = 100,
            Investor = new InvestorInput("乙", null, InvestorKind.Private),
        }, "officer");
        await grain.Publish("officer", null);
        var awarded = await grain.Decide(new DecisionInput(DecisionKind.Award, adcode, park.Reference.Id, null, null, "产业契合", 2) { AssignsNonBidder = true }, "coordinator");
        Assert.True(awarded.IsOk, awarded.Detail);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var reported = await grain.ReportLanding(new LandingReportInput(LandingStage.Signed, today, "补记〔2026〕1号", 30_000, AttachmentIds: [Guid.NewGuid()]), adcode, "county");
        Assert.True(reported.IsOk, reported.Detail);

        var subject = LandingOutcome.SubjectOf(id);
        async Task<DeclaredEvidence[]> Recorded() =>
            [.. (await fixture.Grains.GetGrain<ICountyGrain>(adcode).Get())!.DeclaredItems.Where(d => d.Item.Subject == subject)];

        UnreachableCounties.Names.TryAdd(adcode, true);
        CommandResult<Matching.Contracts.Landing.LandingView> confirmed;
        try
        {
            confirmed = await grain.ReviewLanding(1, true, null, "coordinator");
            Assert.True(confirmed.IsOk, confirmed.Detail);
            Assert.Empty(await Recorded());
            Assert.True(UnreachableCounties.Refused.ContainsKey(adcode), "the county's RecordLanding was refused at least once");
        }
        finally
        {
            UnreachableCounties.Names.TryRemove(adcode, out _);
        }

        // The project's retry lands it; the county records it once, verified by the confirming coordinator.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        DeclaredEvidence[] items;
        while ((items = await Recorded()).Length == 0 && DateTime.UtcNow < deadline) await Task.Delay(200, TestContext.Current.CancellationToken);
        var item = Assert.Single(items);
        Assert.Equal(EvidenceStatus.Verified, item.Status);
        Assert.Equal(EvidenceKind.Award, item.Item.Kind);
        Assert.Equal("coordinator", item.Review!.By);

        // Nothing owed any more: a later change of the project sends nothing and the county holds one item.
        await grain.GetLanding();
        await Task.Delay(TimeSpan.FromSeconds(6), TestContext.Current.CancellationToken);
        Assert.Single(await Recorded());
    }
}

/// <summary>Refuses <see cref="ICountyGrain.RecordLanding"/> at the silo for the counties a test names, as a county out of reach.</summary>
public sealed class UnreachableCounties : IIncomingGrainCallFilter
{
    public static readonly ConcurrentDictionary<string, bool> Names = new();

    /// <summary>Counties whose call was refused at least once.</summary>
    public static readonly ConcurrentDictionary<string, bool> Refused = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == typeof(ICountyGrain) && context.MethodName == nameof(ICountyGrain.RecordLanding)
            && context.TargetId.Key.ToString() is { } key && Names.ContainsKey(key))
        {
            Refused.TryAdd(key, true);
            throw new TimeoutException($"Injected: county {key} cannot be reached.");
        }

        return context.Invoke();
    }
}
