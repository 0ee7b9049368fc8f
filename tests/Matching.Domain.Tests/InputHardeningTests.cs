using System.Text.Json;
using Matching.Domain.Decisions;
using Matching.Domain.Projects;
using Matching.Domain.Validation;

namespace Matching.Domain.Tests;

/// <summary>Enums read as declared names only, text free of control characters, and whom a decision may assign.</summary>
public sealed class InputHardeningTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    // ---- enums ----

    [Theory]
    [InlineData("\"midstream,downstream\"")]
    [InlineData("\"upstream, downstream\"")]
    [InlineData("\"1\"")]
    [InlineData("1")]
    [InlineData("\"\"")]
    [InlineData("\"middle\"")]
    public void A_chain_position_is_one_declared_name(string json)
    {
        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<ChainPosition>(json, MatchingJson.Options));

        Assert.Contains("midstream", Assert.IsType<DeclaredNameException>(error).Allowed);
    }

    [Fact]
    public void A_list_of_investor_kinds_is_an_error_at_its_path_not_another_kind()
    {
        var error = Assert.ThrowsAny<JsonException>(() =>
            JsonSerializer.Deserialize<ProjectInput>("""{"investor":{"name":"甲","kind":"private,foreign"}}""", MatchingJson.Options));

        Assert.Equal("$.investor.kind", error.Path);
    }

    [Fact]
    public void Declared_names_and_their_own_spelling_still_round_trip()
    {
        Assert.Equal(ChainPosition.Midstream, JsonSerializer.Deserialize<ChainPosition>("\"Midstream\"", MatchingJson.Options));
        Assert.Equal("\"cobuild\"", JsonSerializer.Serialize(DecisionKind.CoBuild, MatchingJson.Options));
        Assert.Equal(DecisionKind.CoBuild, JsonSerializer.Deserialize<DecisionKind>("\"cobuild\"", MatchingJson.Options));
        Assert.Equal(InvestorKind.Fortune500, JsonSerializer.Deserialize<InvestorKind?>("\"fortune500\"", MatchingJson.Options));
        Assert.Null(JsonSerializer.Deserialize<InvestorKind?>("null", MatchingJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize((ChainPosition)42, MatchingJson.Options));
        Assert.False(DeclaredNameEnumConverter.TryParse<ProjectStatus>("open,contested", out _));
        Assert.True(DeclaredNameEnumConverter.TryParse<ProjectStatus>("coBuilt", out var built) && built == ProjectStatus.CoBuilt);
    }

    // ---- text ----

    [Theory]
    [InlineData("title", "\0")]
    [InlineData("title", "项目\u001b[31m")]
    [InlineData("title", "第一行\r\n第二行")]
    [InlineData("title", "名称\u202e反向")]
    [InlineData("description", "简介\u0007")]
    [InlineData("investor.name", "某公司\u0000")]
    [InlineData("industryText", "新能源\u0085汽车")]
    public void Control_characters_are_refused_on_their_field(string field, string value)
    {
        var input = field switch
        {
            "title" => Samples.Input() with { Title = value },
            "description" => Samples.Input() with { Description = value },
            "industryText" => Samples.Input() with { IndustryText = value },
            _ => Samples.Input() with { Investor = Samples.Input().Investor! with { Name = value } },
        };

        var error = Assert.Throws<DomainValidationException>(() => input.Validate(Samples.Province, Today));

        Assert.Contains(field, error.Errors.ToDictionary().Keys);
    }

    [Fact]
    public void Line_breaks_stay_allowed_where_text_has_lines_and_absurd_lengths_are_refused()
    {
        Assert.Equal("第一段\n第二段", (Samples.Input() with { Description = "第一段\n第二段" }).Validate(Samples.Province, Today).Description);

        var error = Assert.Throws<DomainValidationException>(() => (Samples.Input() with { IndustryText = new string('长', 20_000) }).Validate(Samples.Province, Today));
        Assert.Equal(["industryText"], error.Errors.ToDictionary().Keys);
        Assert.True(error.Errors.ToString().Length < 200, "the message quotes the value at length");
    }

    // ---- whom an award names ----

    private const string Lixia = "370102", Shizhong = "370103";
    private static readonly string LixiaPark = "G372024", QingdaoPark = "G376008", UnplacedPark = "S377001";

    private static DecisionInput Award(string county, string park, bool? nonBidder = null) =>
        new(DecisionKind.Award, county, park, null, null, "产业契合", 3) { AssignsNonBidder = nonBidder };

    private static string[] Fields(DecisionInput input, params string[] bidders) =>
        Assert.Throws<DomainValidationException>(() => input.Validate(Samples.Province, bidders)).Errors.ToDictionary().Keys.Order().ToArray();

    [Fact]
    public void An_award_names_a_bidder_or_says_it_assigns_one_that_did_not()
    {
        Assert.Equal(Lixia, Award(Lixia, LixiaPark).Validate(Samples.Province, [Lixia]).County);
        Assert.Equal(["county"], Fields(Award(Lixia, LixiaPark), Shizhong));
        Assert.Equal(["county"], Fields(Award(Lixia, LixiaPark)));
        Assert.Equal(Lixia, Award(Lixia, LixiaPark, nonBidder: true).Validate(Samples.Province, []).County);
    }

    [Fact]
    public void The_park_must_lie_in_the_awarded_county()
    {
        Assert.Equal(["parkId"], Fields(Award(Lixia, QingdaoPark), Lixia));
        Assert.Equal(["parkId"], Fields(Award(Lixia, UnplacedPark), Lixia));
        Assert.Equal(["parkId"], Fields(Award(Lixia, QingdaoPark, nonBidder: true)));
    }

    [Fact]
    public void A_co_build_names_bidders_for_the_lead_and_every_partner()
    {
        var cobuild = new DecisionInput(DecisionKind.CoBuild, Lixia, LixiaPark,
            [new DecisionShareInput(Lixia, 60), new DecisionShareInput(Shizhong, 40)], 10, "飞地共建", 3);

        Assert.Equal(2, cobuild.Validate(Samples.Province, [Lixia, Shizhong]).Shares.Count);
        Assert.Equal(["shares[1].county"], Fields(cobuild, Lixia));
        Assert.Equal(["county"], Fields(cobuild, Shizhong));
        Assert.Equal(2, (cobuild with { AssignsNonBidder = true }).Validate(Samples.Province, [Lixia]).Shares.Count);
    }
}
