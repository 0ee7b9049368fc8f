using Matching.Domain.Industries;

namespace Matching.Domain.Tests;

public sealed class IndustryCodeTests
{
    [Theory]
    [InlineData("C", IndustryLevel.Section, 'C', null, null, null)]
    [InlineData("36", IndustryLevel.Division, 'C', "36", null, null)]
    [InlineData("361", IndustryLevel.Group, 'C', "36", "361", null)]
    [InlineData("3612", IndustryLevel.Class, 'C', "36", "361", "3612")]
    [InlineData("0111", IndustryLevel.Class, 'A', "01", "011", "0111")]
    [InlineData("6513", IndustryLevel.Class, 'I', "65", "651", "6513")]
    [InlineData("9700", IndustryLevel.Class, 'T', "97", "970", "9700")]
    public void A_code_knows_its_place(string text, IndustryLevel level, char section, string? division, string? group, string? @class)
    {
        var code = IndustryCode.Parse(text);

        Assert.Equal(level, code.Level);
        Assert.Equal(section, code.Section);
        Assert.Equal(division, code.Division);
        Assert.Equal(group, code.Group);
        Assert.Equal(@class, code.Class);
    }

    [Theory]
    [InlineData("")]
    [InlineData("U")]
    [InlineData("3")]
    [InlineData("36123")]
    [InlineData("36a2")]
    [InlineData("00")]
    [InlineData("98")]
    [InlineData("汽车")]
    public void Malformed_codes_do_not_parse(string text) => Assert.False(IndustryCode.TryParse(text, out _));

    [Theory]
    [InlineData("3612", "3612", IndustryLevel.Class)]
    [InlineData("3612", "3611", IndustryLevel.Group)]
    [InlineData("3612", "3670", IndustryLevel.Division)]
    [InlineData("3612", "3841", IndustryLevel.Section)]
    [InlineData("3612", "36", IndustryLevel.Division)]
    [InlineData("3612", "C", IndustryLevel.Section)]
    [InlineData("3612", "6513", null)]
    public void Shared_level_walks_the_hierarchy(string a, string b, IndustryLevel? expected)
    {
        Assert.Equal(expected, IndustryCode.Parse(a).SharedLevel(IndustryCode.Parse(b)));
        Assert.Equal(expected, IndustryCode.Parse(b).SharedLevel(IndustryCode.Parse(a)));
    }

    [Fact]
    public void Parents_lead_up_to_the_section()
    {
        var chain = new List<string>();
        for (IndustryCode? c = IndustryCode.Parse("3612"); c is { } code; c = code.Parent) chain.Add(code.Value);

        Assert.Equal(["3612", "361", "36", "C"], chain);
        Assert.True(IndustryCode.Parse("C").Contains(IndustryCode.Parse("3612")));
        Assert.True(IndustryCode.Parse("36").Contains(IndustryCode.Parse("3612")));
        Assert.False(IndustryCode.Parse("38").Contains(IndustryCode.Parse("3612")));
    }

    [Fact]
    public void Codes_serialize_as_plain_strings()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(IndustryCode.Parse("3612"), MatchingJson.Options);

        Assert.Equal("\"3612\"", json);
        Assert.Equal(IndustryCode.Parse("3612"), System.Text.Json.JsonSerializer.Deserialize<IndustryCode>(json, MatchingJson.Options));
    }
}
