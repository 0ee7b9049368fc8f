using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Domain.Projects;

namespace Matching.Search.Elasticsearch;

// The indexed _source is a type of its own rather than the port's records: field names and value shapes
// (plain strings for enums, doubles for quantities, derived token fields) are pinned here by attributes,
// so neither a rename in the port nor the client's serializer defaults can silently change the mapping's
// contract with documents already indexed.

/// <summary>Field names of the candidates index.</summary>
internal static class CandidateFields
{
    public const string Adcode = "adcode";
    public const string Name = "name";
    public const string PrefectureAdcode = "prefectureAdcode";
    public const string IndustryTokens = "industryTokens";
    public const string MaxParkLandMu = "maxParkLandMu";
    public const string EnergyQuotaTce = "energyQuotaTce";
}

/// <summary>Field names of the projects index.</summary>
internal static class ProjectFields
{
    public const string Id = "id";
    public const string Title = "title";
    public const string Description = "description";
    public const string IndustryCode = "industryCode";
    public const string IndustryTokens = "industryTokens";
    public const string Division = "division";
    public const string IndustryName = "industryName";
    public const string IndustryText = "industryText";
    public const string Status = "status";
    public const string FirstContactCounty = "firstContactCounty";
    public const string FitCounties = "fitCounties";
    public const string HostCounties = "hostCounties";

    /// <summary>Settled projects only: when the decision in force was made (range filter, order).</summary>
    public const string SettledAt = "settledAt";

    /// <summary>Settled projects only: every county the decision placed it in (filter).</summary>
    public const string SettledCounties = "settledCounties";

    /// <summary>True on a settled project with a landing stage overdue.</summary>
    public const string Overdue = "overdue";

    /// <summary>The settlement as JSON text (<c>MatchingJson</c>), carried, not indexed.</summary>
    public const string Settlement = "settlement";

    /// <summary>Contested projects only: every prefecture the contest concerns (a prefecture coordinator's board).</summary>
    public const string ContestPrefectures = "contestPrefectures";

    /// <summary>The contest's standing as JSON text (<c>MatchingJson</c>), carried, not indexed.</summary>
    public const string Contest = "contest";

    /// <summary>The project's table row as JSON text (<c>MatchingJson</c>), carried, not indexed.</summary>
    public const string Listing = "listing";

    /// <summary>Not in _source: filled by copy_to from the first-contact and fit counties.</summary>
    public const string Counties = "counties";

    public const string Investment = "investment";
    public const string LandMu = "landMu";
    public const string EnergyTce = "energyTce";
    public const string HighEnergy = "highEnergy";
    public const string UpdatedAt = "updatedAt";

    /// <summary>Sub-field of every full-text field analysed into CJK bigrams.</summary>
    public const string Cjk = "cjk";
}

internal sealed record CandidateSource(
    [property: JsonPropertyName(CandidateFields.Adcode)] string Adcode,
    [property: JsonPropertyName(CandidateFields.Name)] string Name,
    [property: JsonPropertyName(CandidateFields.PrefectureAdcode)] string PrefectureAdcode,
    [property: JsonPropertyName(CandidateFields.IndustryTokens)] IReadOnlyList<string> IndustryTokens,
    [property: JsonPropertyName(CandidateFields.MaxParkLandMu)] double MaxParkLandMu,
    [property: JsonPropertyName(CandidateFields.EnergyQuotaTce)] double EnergyQuotaTce)
{
    public static CandidateSource From(CandidateDocument document) => new(
        document.Adcode,
        document.Name,
        document.PrefectureAdcode,
        document.IndustryTokens.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
        (double)document.MaxParkLandMu,
        (double)document.EnergyQuotaTce);
}

internal sealed record ProjectSource(
    [property: JsonPropertyName(ProjectFields.Id)] string Id,
    [property: JsonPropertyName(ProjectFields.Title)] string Title,
    [property: JsonPropertyName(ProjectFields.Description)] string Description,
    [property: JsonPropertyName(ProjectFields.IndustryCode)] string IndustryCode,
    [property: JsonPropertyName(ProjectFields.IndustryTokens)] IReadOnlyList<string> IndustryTokens,
    [property: JsonPropertyName(ProjectFields.Division)] string? Division,
    [property: JsonPropertyName(ProjectFields.IndustryName)] string IndustryName,
    [property: JsonPropertyName(ProjectFields.IndustryText)] string? IndustryText,
    [property: JsonPropertyName(ProjectFields.Status)] string Status,
    [property: JsonPropertyName(ProjectFields.FirstContactCounty)] string? FirstContactCounty,
    [property: JsonPropertyName(ProjectFields.FitCounties)] IReadOnlyList<string> FitCounties,
    [property: JsonPropertyName(ProjectFields.Investment)] double Investment,
    [property: JsonPropertyName(ProjectFields.LandMu)] double LandMu,
    [property: JsonPropertyName(ProjectFields.EnergyTce)] double EnergyTce,
    [property: JsonPropertyName(ProjectFields.HighEnergy)] bool HighEnergy,
    [property: JsonPropertyName(ProjectFields.UpdatedAt)] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName(ProjectFields.HostCounties)] IReadOnlyList<string> HostCounties,
    [property: JsonPropertyName(ProjectFields.SettledAt), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? SettledAt = null,
    [property: JsonPropertyName(ProjectFields.SettledCounties), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? SettledCounties = null,
    [property: JsonPropertyName(ProjectFields.Overdue), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Overdue = null,
    [property: JsonPropertyName(ProjectFields.Settlement), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Settlement = null,
    [property: JsonPropertyName(ProjectFields.ContestPrefectures), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ContestPrefectures = null,
    [property: JsonPropertyName(ProjectFields.Contest), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Contest = null,
    [property: JsonPropertyName(ProjectFields.Listing), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Listing = null)
{
    public static ProjectSource From(ProjectDocument document)
    {
        // Indexing the code with its ancestors lets one term query filter at any level and lets the
        // county inbox score by shared levels, exactly as IndustryTokens defines it for every engine.
        var code = Domain.Industries.IndustryCode.Parse(document.IndustryCode);
        return new ProjectSource(
            IdOf(document.Id),
            document.Title,
            document.Description,
            code.Value,
            Search.IndustryTokens.Expand([code]),
            code.Division,
            document.IndustryName,
            document.IndustryText,
            WireStatus.Name(document.Status),
            document.FirstContactCounty,
            document.FitCounties,
            (double)document.Investment,
            (double)document.LandMu,
            (double)document.EnergyTce,
            document.HighEnergy,
            document.UpdatedAt,
            document.HostCounties,
            document.Settlement?.DecidedAt,
            document.Settlement?.Hosts,
            document.Settlement is null ? null : document.Settlement.Overdue is not null,
            document.Settlement is null ? null : JsonSerializer.Serialize(document.Settlement, Domain.MatchingJson.Options),
            document.Contest?.Prefectures,
            document.Contest is null ? null : JsonSerializer.Serialize(document.Contest, Domain.MatchingJson.Options),
            document.Listing is null ? null : JsonSerializer.Serialize(document.Listing, Domain.MatchingJson.Options));
    }

    /// <summary>The document id (and keyword <c>id</c>): the GUID's canonical lowercase form.</summary>
    public static string IdOf(Guid id) => id.ToString("D");
}

/// <summary>A project hit's _source as search reads it back (only the fields a hit needs are fetched).</summary>
internal sealed record ProjectHitSource(
    [property: JsonPropertyName(ProjectFields.Id)] string? Id,
    [property: JsonPropertyName(ProjectFields.Title)] string? Title,
    [property: JsonPropertyName(ProjectFields.IndustryCode)] string? IndustryCode,
    [property: JsonPropertyName(ProjectFields.Status)] string? Status,
    [property: JsonPropertyName(ProjectFields.FirstContactCounty)] string? FirstContactCounty = null,
    [property: JsonPropertyName(ProjectFields.HostCounties)] IReadOnlyList<string>? HostCounties = null);

/// <summary>A settled project's _source as <c>ReadSettled</c> reads it back.</summary>
internal sealed record SettledHitSource(
    [property: JsonPropertyName(ProjectFields.Id)] string? Id,
    [property: JsonPropertyName(ProjectFields.Title)] string? Title,
    [property: JsonPropertyName(ProjectFields.IndustryCode)] string? IndustryCode,
    [property: JsonPropertyName(ProjectFields.Status)] string? Status,
    [property: JsonPropertyName(ProjectFields.Settlement)] string? Settlement);

/// <summary>A contested project's _source as <c>ReadContests</c> reads it back.</summary>
internal sealed record ContestHitSource(
    [property: JsonPropertyName(ProjectFields.Id)] string? Id,
    [property: JsonPropertyName(ProjectFields.Title)] string? Title,
    [property: JsonPropertyName(ProjectFields.IndustryCode)] string? IndustryCode,
    [property: JsonPropertyName(ProjectFields.Status)] string? Status,
    [property: JsonPropertyName(ProjectFields.Contest)] string? Contest);

/// <summary>A project's _source as <c>ReadListings</c> reads it back.</summary>
internal sealed record ListingSource([property: JsonPropertyName(ProjectFields.Listing)] string? Listing);

/// <summary>Project statuses as camelCase names on the wire, the shape <c>MatchingJson</c> gives them everywhere else.</summary>
internal static class WireStatus
{
    private static readonly Dictionary<ProjectStatus, string> Names =
        Enum.GetValues<ProjectStatus>().ToDictionary(s => s, s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()));

    private static readonly Dictionary<string, ProjectStatus> Values =
        Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Name(ProjectStatus status) => Names[status];

    public static bool TryParse(string? name, out ProjectStatus status) => Values.TryGetValue(name ?? string.Empty, out status);

    public static ProjectStatus Parse(string? name) =>
        TryParse(name, out var status) ? status : throw new FormatException($"'{name}' is not a project status.");
}
