using Matching.Contracts;
using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Domain.Parks;
using Matching.Grains.Counties;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Grains.Tests;

/// <summary>
/// The audit and queue rows a park's or a county's change owes (<c>OwedRows</c>): stored with the change, they stay owed
/// while the row store fails (the change itself is kept) and go out with the next change, none lost and none twice.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OwedRowsTests(ClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CountyEvidenceRows Rows => fixture.Silo.GetRequiredService<CountyEvidenceRows>();

    [Fact]
    public async Task A_parks_land_rows_stay_owed_while_the_row_store_fails_and_go_out_with_its_next_change()
    {
        // A placed park of 垦利区, which no other test of this cluster uses.
        var park = ClusterFixture.Seeds.Value.Parks.First(p => p.Reference.CountyAdcode == "370505");
        var grain = fixture.Grains.GetGrain<IParkGrain>(park.Reference.Id);
        await grain.Seed(park);
        var trail = ParkLand.ItemId(park.Reference.Id);
        try
        {
            InjectedRowFaults.Failing = "county-evidence";
            var declared = await grain.DeclareLand(new ParkLandInput(park.Profile.AvailableLandMu.Value + 300), "county-370505", FigureSource.County, null);
            Assert.True(declared.IsOk);
            Assert.True(declared.Value!.Profile.AvailableLandMu.SelfDeclared);
            Assert.Equal(0, (await Rows.AuditAsync(trail, null, 10, Ct)).Total);
        }
        finally
        {
            InjectedRowFaults.Failing = null;
        }

        Assert.True((await grain.DeclareLand(new ParkLandInput(park.Profile.AvailableLandMu.Value + 500), "coordinator", FigureSource.Coordinator, null)).IsOk);
        var (entries, total) = await Rows.AuditAsync(trail, null, 10, Ct);
        Assert.Equal(2, total);
        Assert.Equal([EvidenceAction.Set, EvidenceAction.Declared], entries.Select(e => e.Action));
        var (queue, _) = await Rows.QueueAsync(0, 500, Ct);
        Assert.DoesNotContain(queue, q => q.Item.Id == trail);
    }

    [Fact]
    public async Task A_countys_evidence_rows_stay_owed_while_the_row_store_fails_and_go_out_with_its_next_change()
    {
        const string Hekou = "370503"; // 河口区: no other test of this cluster uses it
        var grain = fixture.Grains.GetGrain<ICountyGrain>(Hekou);
        await grain.Seed(ClusterFixture.Seeds.Value.Counties.Single(c => c.Reference.Adcode == Hekou));
        try
        {
            InjectedRowFaults.Failing = "county-evidence";
            Assert.True((await grain.DeclareEvidence(new EvidenceDeclarationInput(EvidenceKind.Declared, "龙头企业 河口某石化", 2025, ["2511"], "区工信局名单"), "county-370503")).IsOk);
            Assert.True((await grain.UpdateProfile(new CountyProfileInput(LandQuotaMu: 700), "county-370503", FigureSource.County, null)).IsOk);
            Assert.Equal(0, (await Rows.AuditAsync(Hekou, null, 10, Ct)).Total);
        }
        finally
        {
            InjectedRowFaults.Failing = null;
        }

        // The next change sends what the two before it owed, then its own.
        Assert.True((await grain.UpdateProfile(new CountyProfileInput(LandQuotaMu: 900), "coordinator", FigureSource.Coordinator, null)).IsOk);
        var (entries, total) = await Rows.AuditAsync(Hekou, null, 10, Ct);
        Assert.Equal(3, total);
        Assert.Equal([("figure.landQuotaMu", EvidenceAction.Set), ("figure.landQuotaMu", EvidenceAction.Declared), ("e1", EvidenceAction.Declared)],
            entries.Select(e => (e.ItemId, e.Action)));
        var (queue, _) = await Rows.QueueAsync(0, 500, Ct);
        Assert.Equal(["e1"], queue.Where(q => q.Adcode == Hekou).Select(q => q.Item.Id));
    }
}
