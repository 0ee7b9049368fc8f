using Matching.Contracts;
using Matching.Domain.Counties;
using Matching.Domain.Parks;

namespace Matching.Grains.Tests;

/// <summary>A coordinator's placement of a holding-list park holds over newer seeds of the park and of the county.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ParkPlacementGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_placed_park_stays_in_its_county_when_the_park_and_the_county_are_seeded_again()
    {
        var seeds = ClusterFixture.Seeds.Value;
        var parkSeed = seeds.Parks.First(p => p.Reference.Placement == ParkPlacement.Unplaced && p.Reference.PrefectureName == "潍坊市");
        var countySeed = seeds.Counties.Single(c => c.Reference.Adcode == "370703"); // 寒亭区
        var park = fixture.Grains.GetGrain<IParkGrain>(parkSeed.Reference.Id);
        var county = fixture.Grains.GetGrain<ICountyGrain>(countySeed.Reference.Adcode);
        await park.Seed(parkSeed);
        await county.Seed(countySeed);

        var placed = await park.PlaceInCounty("370703", "coordinator", null);
        Assert.True(placed.IsOk, placed.Detail);
        Assert.Contains(parkSeed.Reference.Id, (await county.Get())!.ParkIds);

        // Newer seeds (the catalogue still names no county) keep the placement and the county's list.
        await park.Seed(parkSeed with { Reference = parkSeed.Reference with { AreaKm2 = (parkSeed.Reference.AreaKm2 ?? 0) + 1 } });
        await county.Seed(countySeed with { Reference = countySeed.Reference with { AreaKm2 = countySeed.Reference.AreaKm2 + 1 } });

        var after = (await park.Get())!;
        Assert.Equal("370703", after.Reference.CountyAdcode);
        Assert.Equal(ParkPlacement.ByCoordinator, after.Reference.Placement);
        Assert.Equal((parkSeed.Reference.AreaKm2 ?? 0) + 1, after.Reference.AreaKm2);
        Assert.Equal("coordinator", after.Placed!.By);
        var holder = (await county.Get())!;
        Assert.Contains(parkSeed.Reference.Id, holder.ParkIds);
        Assert.Equal(countySeed.ParkIds.Count + 1, holder.ParkIds.Count);

        // Placing it elsewhere is a conflict and changes nothing.
        var elsewhere = await park.PlaceInCounty("370704", "coordinator", null);
        Assert.Equal(CommandStatus.Conflict, elsewhere.Status);
        Assert.Equal("370703", (await park.Get())!.Reference.CountyAdcode);
    }
}
