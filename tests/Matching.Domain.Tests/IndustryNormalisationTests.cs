namespace Matching.Domain.Tests;

public sealed class IndustryNormalisationTests
{
    [Theory]
    [InlineData("新能源汽车", "3612")]
    [InlineData("新能源汽车整车", "3612")]
    [InlineData("光伏", "3825")]
    [InlineData("锂电池", "3841")]
    [InlineData("动力锂电池", "3841")]
    [InlineData("精细化工", "266")]
    public void Officer_phrases_map_through_the_phrasebook(string phrase, string expected) =>
        Assert.Contains(Samples.Province.Phrasebook.Find(phrase), c => c.Value == expected);

    [Fact]
    public void A_phrase_inside_the_text_brings_its_codes_and_shorter_phrases_inside_it_add_none()
    {
        var found = Samples.Province.Phrasebook.Find("新能源汽车整车");
        var longest = Samples.Province.Phrasebook.Lookup("新能源汽车");
        var inner = Samples.Province.Phrasebook.Lookup("汽车").Except(longest);

        Assert.Superset(longest.ToHashSet(), found.ToHashSet());
        Assert.Empty(found.Intersect(inner));
    }

    [Fact]
    public void Free_lists_from_the_catalogue_are_split_and_every_phrase_mapped()
    {
        var codes = Samples.Province.Phrasebook.Normalise("机械、化工、纺织", out var unmapped);

        Assert.Empty(unmapped);
        Assert.Contains(codes, c => c.Value.StartsWith("34", StringComparison.Ordinal) || c.Value.StartsWith("35", StringComparison.Ordinal));
        Assert.Contains(codes, c => c.Value.StartsWith("26", StringComparison.Ordinal));
        Assert.Contains(codes, c => c.Value.StartsWith("17", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_phrases_are_reported_not_dropped()
    {
        Samples.Province.Phrasebook.Normalise("机械、量子引力", out var unmapped);

        Assert.Equal(["量子引力"], unmapped);
    }

    [Theory]
    [InlineData("新能源车整车", "3612")]
    [InlineData("汽车整车", "361")]
    [InlineData("锂离子电池", "3841")]
    [InlineData("光伏设备", "3825")]
    public void The_standard_itself_is_searched_for_the_rest(string text, string expected) =>
        Assert.Contains(Samples.Province.Industries.Search(text, 10), i => i.Code.Value == expected);

    [Fact]
    public void Character_pairs_find_a_class_when_no_name_contains_the_text() =>
        Assert.Contains(Samples.Province.Industries.Search("整车新能源车制造", 10), i => i.Code.Value == "3612");
}

public sealed class MostSpecificPhraseTests
{
    [Theory]
    [InlineData("新能源汽车零部件", "3670")]
    [InlineData("新能源汽车整车", "3612")]
    public void The_most_specific_phrase_comes_first(string text, string first) =>
        Assert.Equal(first, Samples.Province.Phrasebook.Find(text)[0].Value);
}
