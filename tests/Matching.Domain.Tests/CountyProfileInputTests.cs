using Matching.Domain.Counties;
using Matching.Domain.Validation;

namespace Matching.Domain.Tests;

public sealed class CountyProfileInputTests
{
    private static CountySeed Licheng => Samples.Shandong.Counties.Single(c => c.Reference.Adcode == "370112");

    [Fact]
    public void Omitted_fields_keep_their_value_and_set_fields_record_who_set_them()
    {
        var before = Licheng.Profile;

        var after = new CountyProfileInput(LandQuotaMu: 800).ApplyTo(before, "370112", FigureSource.County, Samples.Province);

        // The county's own value is self-declared, and the figure in force before it is kept until a coordinator verifies it.
        Assert.Equal(new Figure(800, FigureSource.County, before.LandQuotaMu), after.LandQuotaMu);
        Assert.True(after.LandQuotaMu.SelfDeclared);
        Assert.Equal(before.LandQuotaMu.Value, after.LandQuotaMu.InForce);
        Assert.Equal(new Figure(800, FigureSource.Coordinator), new CountyProfileInput(LandQuotaMu: 800).ApplyTo(before, "370112", FigureSource.Coordinator, Samples.Province).LandQuotaMu);
        Assert.Equal(before.EnergyQuotaTce, after.EnergyQuotaTce);
        Assert.Equal(before.FeaturedIndustries, after.FeaturedIndustries);
    }

    [Fact]
    public void Featured_industries_take_the_standard_name_unless_labelled()
    {
        var after = new CountyProfileInput(FeaturedIndustries: [new("3612", 5, null), new("3841", null, "动力电池")])
            .ApplyTo(Licheng.Profile, "370112", FigureSource.County, Samples.Province);

        Assert.Equal(["新能源车整车制造", "动力电池"], after.FeaturedIndustries.Select(f => f.Label));
        Assert.Equal([5, 3], after.FeaturedIndustries.Select(f => f.Strength));
    }

    [Fact]
    public void Every_problem_is_reported_together()
    {
        var input = new CountyProfileInput(
            FeaturedIndustries: [new("3612", 5, null), new("3612", 4, null), new("99", 1, null)],
            LandQuotaMu: -1,
            EnergyQuotaTce: CountyProfileInput.MaxEnergyQuotaTce + 1,
            PairingPartners: ["370112", "370125"]);

        var error = Assert.Throws<DomainValidationException>(() => input.ApplyTo(Licheng.Profile, "370112", FigureSource.County, Samples.Province));

        Assert.Equal(
            ["energyQuotaTce", "featuredIndustries[1].code", "featuredIndustries[2].code", "landQuotaMu", "pairingPartners[0]", "pairingPartners[1]"],
            error.Errors.ToDictionary().Keys.Order());
    }
}
