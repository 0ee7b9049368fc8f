using Matching.Contracts;
using Matching.Domain.Counties;

namespace Matching.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CountyGrainTests(ClusterFixture fixture)
{
    private static CountySeed Seed(string adcode) => ClusterFixture.Seeds.Value.Counties.Single(c => c.Reference.Adcode == adcode);

    [Fact]
    public async Task Seeding_is_idempotent_and_a_new_seed_keeps_the_countys_edits()
    {
        // Each test seeds its own county so tests stay independent of each other.
        var seed = Seed("371702");
        var grain = fixture.Grains.GetGrain<ICountyGrain>(seed.Reference.Adcode);

        Assert.Equal(SeedOutcome.Created, await grain.Seed(seed));
        Assert.Equal(SeedOutcome.Unchanged, await grain.Seed(seed));
        var edited = await grain.UpdateProfile(new CountyProfileInput(LandQuotaMu: 3000), "county-371702", FigureSource.County, 1);
        Assert.True(edited.IsOk);
        Assert.Equal(SeedOutcome.Unchanged, await grain.Seed(seed));

        var renamed = seed with { Reference = seed.Reference with { AreaKm2 = seed.Reference.AreaKm2 + 1 } };
        Assert.Equal(SeedOutcome.Refreshed, await grain.Seed(renamed));

        var county = (await grain.Get())!;
        Assert.Equal(seed.Reference.AreaKm2 + 1, county.Reference.AreaKm2);
        // The county's edit is kept, still self-declared over the seeded figure until a coordinator verifies it.
        Assert.Equal((3000m, FigureSource.County, true), (county.Profile.LandQuotaMu.Value, county.Profile.LandQuotaMu.Source, county.Profile.LandQuotaMu.SelfDeclared));
        Assert.Equal(seed.Profile.LandQuotaMu, county.Profile.LandQuotaMu.Before);
        Assert.Equal(3, county.Version);
    }

    [Fact]
    public async Task Profile_edits_are_validated_and_versioned()
    {
        var seed = Seed("371703");
        var grain = fixture.Grains.GetGrain<ICountyGrain>(seed.Reference.Adcode);
        await grain.Seed(seed);

        var invalid = await grain.UpdateProfile(new CountyProfileInput(EnergyQuotaTce: -5, PairingPartners: ["371703"]), "x", FigureSource.County, null);
        var stale = await grain.UpdateProfile(new CountyProfileInput(EnergyQuotaTce: 5), "x", FigureSource.County, 9);
        var ok = await grain.UpdateProfile(new CountyProfileInput(
            FeaturedIndustries: [new FeaturedIndustryInput("1713", 4, "纺织")], OldRevolutionaryBase: true), "coordinator", FigureSource.Coordinator, 1);

        Assert.Equal(CommandStatus.Invalid, invalid.Status);
        Assert.Equal(["energyQuotaTce", "pairingPartners[0]"], invalid.Errors!.Keys.Order());
        Assert.Equal(CommandStatus.VersionMismatch, stale.Status);
        Assert.True(ok.IsOk);
        Assert.Equal(2, ok.Value!.Version);
        // A coordinator's own setting carries who set it, and when, on the flag itself.
        Assert.Equal(new Flag(true, FigureSource.Coordinator), ok.Value.Profile.OldRevolutionaryBase with { Check = null });
        Assert.Equal("coordinator", ok.Value.Profile.OldRevolutionaryBase.Check!.By);
        Assert.Equal("1713", Assert.Single(ok.Value.Profile.FeaturedIndustries).Code.Value);
    }

    [Fact]
    public async Task Parks_seed_once()
    {
        var seed = ClusterFixture.Seeds.Value.Parks.First(p => p.Reference.Id.StartsWith("S37", StringComparison.Ordinal));
        var grain = fixture.Grains.GetGrain<IParkGrain>(seed.Reference.Id);

        var first = await grain.Seed(seed);
        var second = await grain.Seed(seed);

        Assert.Equal(SeedOutcome.Created, first);
        Assert.Equal(SeedOutcome.Unchanged, second);
        Assert.Equal(seed.Reference.Name, (await grain.Get())!.Reference.Name);
    }
}
