using Matching.Domain.Projects;
using Matching.Domain.Validation;

namespace Matching.Domain.Tests;

public sealed class ProjectInputTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public void A_sound_input_becomes_details()
    {
        var details = Samples.Input().Validate(Samples.Province, Today);

        Assert.Equal("3841", details.IndustryCode.Value);
        Assert.Equal(600m, details.LandMu);
        Assert.False(details.HighEnergy);
    }

    public static TheoryData<string, ProjectInput> Nonsense() => new()
    {
        { "landMu", Samples.Input() with { LandMu = -1 } },
        { "landMu", Samples.Input() with { LandMu = 100_001 } },
        { "energyTce", Samples.Input() with { EnergyTce = -0.5m } },
        { "investment", Samples.Input() with { Investment = 0 } },
        { "expectedTax", Samples.Input() with { ExpectedTax = null } },
        { "jobs", Samples.Input() with { Jobs = -1 } },
        { "industryCode", Samples.Input() with { IndustryCode = "3898" } },
        { "industryCode", Samples.Input() with { IndustryCode = "384" } },
        { "industryCode", Samples.Input() with { IndustryCode = null } },
        { "firstContactCounty", Samples.Input() with { FirstContactCounty = "370181" } },
        { "title", Samples.Input() with { Title = "" } },
        { "investor", Samples.Input() with { Investor = null } },
        { "investor.name", Samples.Input() with { Investor = new InvestorInput(" ", null, InvestorKind.Soe) } },
        { "investor.kind", Samples.Input() with { Investor = new InvestorInput("甲", null, null) } },
        { "investor.creditCode", Samples.Input() with { Investor = new InvestorInput("甲", "123", InvestorKind.Soe) } },
        { "deadline", Samples.Input() with { Deadline = Today.AddDays(-1) } },
    };

    [Theory]
    [MemberData(nameof(Nonsense))]
    public void Nonsense_is_rejected_with_a_message_on_the_field(string field, ProjectInput input)
    {
        var error = Assert.Throws<DomainValidationException>(() => input.Validate(Samples.Province, Today));

        var messages = error.Errors.ToDictionary();
        Assert.Equal([field], messages.Keys);
        Assert.All(messages[field], m => Assert.False(string.IsNullOrWhiteSpace(m)));
    }

    [Fact]
    public void A_deadline_today_is_still_fine() =>
        Assert.Equal(Today, (Samples.Input() with { Deadline = Today }).Validate(Samples.Province, Today).Deadline);

    [Theory]
    [InlineData("91350100M000100Y43", true)]
    [InlineData("91110000600037341L", true)]
    [InlineData("91350100M000100Y44", false)]
    [InlineData("9135010OM000100Y43", false)]
    [InlineData("91350100M000100Y4", false)]
    public void Credit_codes_are_checked_by_their_check_character(string code, bool valid) =>
        Assert.Equal(valid, CreditCode.IsValid(code));
}
