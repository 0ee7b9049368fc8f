using Matching.Domain.Projects;

namespace Matching.Search;

/// <summary>
/// A county as a matching candidate: what retrieval filters and ranks on. The county's full profile
/// stays in its grain; the scoring model reads it from the matching snapshot.
/// </summary>
/// <param name="Adcode">6-digit adcode (document id).</param>
/// <param name="Name">County name.</param>
/// <param name="PrefectureAdcode">Prefecture adcode.</param>
/// <param name="IndustryTokens">Featured and park industries expanded with <see cref="Search.IndustryTokens.Expand(IEnumerable{Domain.Industries.IndustryCode})"/>.</param>
/// <param name="MaxParkLandMu">Available land of the county's largest park, 亩 (0 when it has none).</param>
/// <param name="EnergyQuotaTce">Remaining energy quota, tce per year.</param>
public sealed record CandidateDocument(
    string Adcode,
    string Name,
    string PrefectureAdcode,
    IReadOnlyList<string> IndustryTokens,
    decimal MaxParkLandMu,
    decimal EnergyQuotaTce);

/// <summary>A project as indexed for full-text and faceted search and for county inboxes.</summary>
/// <param name="Id">Project id.</param>
/// <param name="Title">Title (full text).</param>
/// <param name="Description">Description (full text).</param>
/// <param name="IndustryCode">GB/T class.</param>
/// <param name="IndustryName">GB/T name of the class (full text).</param>
/// <param name="IndustryText">The industry as the officer wrote it (full text).</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="FirstContactCounty">First-contact county, when known.</param>
/// <param name="FitCounties">Counties the project fits above the inbox threshold (standing interests).</param>
/// <param name="Investment">万元.</param>
/// <param name="LandMu">亩.</param>
/// <param name="EnergyTce">tce per year.</param>
/// <param name="HighEnergy">两高.</param>
/// <param name="UpdatedAt">Last change.</param>
public sealed record ProjectDocument(
    Guid Id,
    string Title,
    string Description,
    string IndustryCode,
    string IndustryName,
    string? IndustryText,
    ProjectStatus Status,
    string? FirstContactCounty,
    IReadOnlyList<string> FitCounties,
    decimal Investment,
    decimal LandMu,
    decimal EnergyTce,
    bool HighEnergy,
    DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// Where the decision in force placed the project: the awarded county, or every co-building county
    /// (lead first); empty before a decision. The province map reads it from the index, not from grains.
    /// </summary>
    public IReadOnlyList<string> HostCounties { get; init; } = [];

    /// <summary>
    /// The decision in force and the landing progress of a settled project (awarded, co-built, landed);
    /// null otherwise. The cockpit, the yearly county report and the overdue list read it from the index
    /// (<see cref="ISearchEngine.ReadSettledAsync"/>), not from grains.
    /// </summary>
    public Domain.Cockpit.Settlement? Settlement { get; init; }

    /// <summary>
    /// How the contest stands (bids, the bidders' fit scores, route, parties) while the project is contested;
    /// null otherwise. The contest board reads it from the index (<see cref="ISearchEngine.ReadContestsAsync"/>), not from grains.
    /// </summary>
    public Domain.Decisions.ContestStanding? Contest { get; init; }

    /// <summary>
    /// The project as a table row shows it; the county inbox reads it from the index
    /// (<see cref="ISearchEngine.ReadListingsAsync"/>), not from grains. Null on documents built without one.
    /// </summary>
    public ProjectListing? Listing { get; init; }
}
