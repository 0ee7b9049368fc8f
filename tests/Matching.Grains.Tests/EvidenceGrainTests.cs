using Matching.Contracts;
using Matching.Domain.Counties;
using Matching.Domain.Evidence;

namespace Matching.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class EvidenceGrainTests(ClusterFixture fixture)
{
    private static CountySeed Seed(string adcode) => ClusterFixture.Seeds.Value.Counties.Single(c => c.Reference.Adcode == adcode);

    [Fact]
    public async Task A_county_keeps_its_reference_evidence_across_silos_and_storage()
    {
        var seed = Seed("370705"); // 奎文区: 潍柴动力 through 潍坊高新区
        var grain = fixture.Grains.GetGrain<ICountyGrain>(seed.Reference.Adcode);
        await grain.Seed(seed);

        var county = (await grain.Get())!;

        Assert.Equal(seed.Reference.EvidenceItems.Count, county.Reference.EvidenceItems.Count);
        var weichai = Assert.Single(county.Reference.EvidenceItems, e => e.Subject == "潍柴动力");
        Assert.Equal(EvidenceKind.ListedCompany, weichai.Kind);
        Assert.Equal("36", Assert.Single(weichai.Industries).Value);
    }

    [Fact]
    public async Task Declared_evidence_and_its_review_survive_a_new_seed_and_the_trail_is_in_rows()
    {
        var seed = Seed("371426"); // 平原县
        var grain = fixture.Grains.GetGrain<ICountyGrain>(seed.Reference.Adcode);
        await grain.Seed(seed);
        var declared = await grain.DeclareEvidence(new EvidenceDeclarationInput(EvidenceKind.Declared, "龙头企业 平原某纺织", 2025, ["1713"], "县工信局名单"), "county-371426");
        var id = Assert.Single(declared.Value!.DeclaredItems).Id;
        Assert.True((await grain.ReviewEvidence(id, new EvidenceReviewInput(true, "已核对"), "coordinator")).IsOk);

        await grain.Seed(seed with { Reference = seed.Reference with { AreaKm2 = seed.Reference.AreaKm2 + 1 } });

        var item = Assert.Single((await grain.Get())!.DeclaredItems);
        Assert.Equal(EvidenceStatus.Verified, item.Status);
        Assert.Equal("coordinator", item.Review!.By);
        var rows = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Matching.Grains.Counties.CountyEvidenceRows>(fixture.Silo);
        var (entries, total) = await rows.AuditAsync(seed.Reference.Adcode, null, 10, TestContext.Current.CancellationToken);
        Assert.Equal(2, total);
        Assert.Equal([EvidenceAction.Verified, EvidenceAction.Declared], entries.Select(e => e.Action));
    }

    [Fact]
    public async Task An_energy_quota_cannot_be_set_below_what_is_reserved()
    {
        var seed = Seed("371721"); // 曹县
        var grain = fixture.Grains.GetGrain<ICountyGrain>(seed.Reference.Adcode);
        await grain.Seed(seed);
        Assert.True((await grain.ReserveEnergy(Guid.NewGuid(), 3000)).IsOk);

        var below = await grain.UpdateProfile(new CountyProfileInput(EnergyQuotaTce: 0), "county-371721", FigureSource.County, null);

        Assert.Equal(CommandStatus.Invalid, below.Status);
        Assert.Contains("3,000", Assert.Single(below.Errors!["energyQuotaTce"]));
        Assert.Equal(seed.Profile.EnergyQuotaTce, (await grain.Get())!.Profile.EnergyQuotaTce);
        Assert.True((await grain.UpdateProfile(new CountyProfileInput(EnergyQuotaTce: 3000), "county-371721", FigureSource.County, null)).IsOk);
    }

    [Fact]
    public async Task A_coordinator_marks_a_park_as_chemical_park_and_a_new_seed_keeps_it()
    {
        // A park no other test of this cluster uses (those take parks with 400 亩 or more).
        var park = ClusterFixture.Seeds.Value.Parks.Where(p => p.Reference.CountyAdcode is not null && p.Profile.AvailableLandMu.Value < 400)
            .OrderBy(p => p.Reference.Id, StringComparer.Ordinal).Last();
        var grain = fixture.Grains.GetGrain<IParkGrain>(park.Reference.Id);
        await grain.Seed(park);

        var marked = await grain.SetChemicalPark(true, "coordinator");

        Assert.True(marked.IsOk);
        var flag = marked.Value!.Profile.ChemicalPark!;
        Assert.Equal((true, FigureSource.Coordinator), (flag.Value, flag.Source));
        // The flag says who set it (the coordinator's check), as the county figures do.
        Assert.Equal("coordinator", flag.Check?.By);
        Assert.Equal("coordinator", marked.Value.UpdatedBy);
        await grain.Seed(park with { Reference = park.Reference with { AreaKm2 = (park.Reference.AreaKm2 ?? 0) + 1 } });
        Assert.Equal(flag, (await grain.Get())!.Profile.ChemicalPark);
        Assert.Equal(CommandStatus.NotFound, (await fixture.Grains.GetGrain<IParkGrain>("no-such-park").SetChemicalPark(true, "coordinator")).Status);
    }
}
