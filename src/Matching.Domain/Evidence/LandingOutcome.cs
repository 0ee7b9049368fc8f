using System.Globalization;
using Matching.Domain.Industries;

namespace Matching.Domain.Evidence;

/// <summary>
/// A platform outcome: a project's 签约 in a county, confirmed by a coordinator. It becomes a verified
/// evidence item of that county (kind <see cref="EvidenceKind.Award"/>, source the platform), so the profile
/// learns from what lands. Not to be confused with lists of landed projects from elsewhere, which serve as a
/// benchmark only and never as evidence.
/// </summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Title">Its title.</param>
/// <param name="Industry">Its GB/T class.</param>
/// <param name="ContractNumber">The signed contract's number.</param>
/// <param name="Amount">The contracted amount, 万元, where reported.</param>
/// <param name="SignedOn">The signing date as reported.</param>
/// <param name="ConfirmedBy">The coordinator who confirmed the signing.</param>
/// <param name="ConfirmedAt">When.</param>
public sealed record LandingOutcome(
    Guid ProjectId,
    string Title,
    IndustryCode Industry,
    string? ContractNumber,
    decimal? Amount,
    DateOnly SignedOn,
    string ConfirmedBy,
    DateTimeOffset ConfirmedAt)
{
    /// <summary>Most landing items a county keeps in its row; older ones leave the row (their audit lines stay).</summary>
    public const int MaxPerCounty = 100;

    /// <summary>The platform, as the source of landing evidence.</summary>
    public const string Source = "本平台（签约经协调员确认）";

    /// <summary>The evidence subject of a project's landing: one item per project, however often it is recorded.</summary>
    public static string SubjectOf(Guid projectId) => $"landing:{projectId:N}";

    /// <summary>The evidence item it becomes, verified.</summary>
    public EvidenceItem ToItem() => new(
        EvidenceKind.Award,
        $"{SignedOn.Year} 签约 {Industry.Section}{Industry.Value} 项目“{Title}”"
            + (ContractNumber is { } contract ? $"（合同号 {contract}" + (Amount is { } amount ? $"，签约额 {amount.ToString("#,0.##", CultureInfo.InvariantCulture)} 万元）" : "）") : string.Empty),
        SignedOn.Year, [Industry], Source, null, SubjectOf(ProjectId), Verified: true);
}
