using Matching.Domain.Geography;
using Matching.Domain.Industries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A line of GB/T 4754-2017 with its place in the hierarchy.</summary>
public sealed record IndustryResponse(
    string Code, IndustryLevel Level, string Section, string? Division, string? Group, string? Class,
    string Name, string Description, IReadOnlyList<IndustryRef> Path, IReadOnlyList<IndustryRef> Children);

/// <summary>One search hit; <c>via</c> says whether the phrasebook or the GB/T names matched.</summary>
public sealed record IndustryMatch(string Code, IndustryLevel Level, string Name, string Description, string Via);

/// <summary>Search results.</summary>
public sealed record IndustrySearchResponse(string Query, IReadOnlyList<IndustryMatch> Matches);

internal static class IndustriesApi
{
    public static RouteGroupBuilder MapIndustriesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/industries").WithTags("Industries");
        group.MapGet("/", Search).WithName("SearchIndustries")
            .WithSummary("Search GB/T 4754-2017 by code, Chinese name or common phrase (e.g. 新能源汽车, 光伏).");
        group.MapGet("/{code}", Get).WithName("GetIndustry").WithSummary("A GB/T 4754-2017 code with its path and children.");
        return group;
    }

    private static Results<Ok<IndustrySearchResponse>, ValidationProblem> Search(string? q, int? limit, Province province)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(q)) errors["q"] = ["必填：要查找的行业代码、名称或常用说法。"];
        else if (q.Length > 100) errors["q"] = ["不能超过 100 个字符。"];
        if (limit is < 1 or > 100) errors["limit"] = ["须在 1 到 100 之间。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var take = limit ?? 20;
        var matches = new List<IndustryMatch>();
        // The reviewed phrasebook first (it knows 光伏 is 3825), then the standard's own names.
        foreach (var code in IndustryPhrasebook.Split(q).SelectMany(province.Phrasebook.Find).Distinct())
        {
            if (province.Industries.Find(code) is { } line) matches.Add(Match(line, "phrase"));
        }

        foreach (var line in province.Industries.Search(q!, take))
        {
            if (matches.All(m => m.Code != line.Code.Value)) matches.Add(Match(line, "name"));
        }

        return TypedResults.Ok(new IndustrySearchResponse(q!, matches.Take(take).ToArray()));
    }

    private static Results<Ok<IndustryResponse>, ValidationProblem, NotFoundProblem> Get(string code, Province province)
    {
        if (!IndustryCode.TryParse(code, out var parsed))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [$"“{code}”不是 GB/T 4754 代码的格式（门类字母，或 2 至 4 位数字）。"] });
        if (province.Industries.Find(parsed) is not { } line)
            return NotFoundProblem.Of($"GB/T 4754-2017 中没有代码 {parsed}。");

        return TypedResults.Ok(new IndustryResponse(
            line.Code.Value, line.Level, line.Code.Section.ToString(), line.Code.Division, line.Code.Group, line.Code.Class,
            line.Name, line.Description,
            province.Industries.Path(line.Code).Select(i => new IndustryRef(i.Code.Value, i.Name)).ToArray(),
            province.Industries.Children(line.Code).Select(i => new IndustryRef(i.Code.Value, i.Name)).ToArray()));
    }

    private static IndustryMatch Match(Industry line, string via) => new(line.Code.Value, line.Level, line.Name, line.Description, via);
}
