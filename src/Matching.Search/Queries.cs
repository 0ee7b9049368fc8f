using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Search;

/// <summary>
/// Stage one of matching: counties whose industries share at least the section with the project's class
/// and that pass the hard filters. Relevance is <see cref="IndustryTokens.Relevance"/>; hits are ordered
/// by relevance descending, then adcode ascending, and cut at <see cref="Size"/>.
/// </summary>
/// <param name="Industry">The project's class.</param>
/// <param name="LandMu">Land the project needs: a candidate's largest park must have at least this much.</param>
/// <param name="EnergyTce">Energy the project needs.</param>
/// <param name="HighEnergy">For a 两高 project the county's energy quota must cover <paramref name="EnergyTce"/>.</param>
/// <param name="Size">Most hits returned.</param>
public sealed record CandidateQuery(IndustryCode Industry, decimal LandMu, decimal EnergyTce, bool HighEnergy, int Size);

/// <summary>A retrieved candidate.</summary>
public sealed record CandidateHit(string Adcode, double Relevance);

/// <summary>
/// Open (or contested) projects that fit a county: industries overlapping the county's, land within its
/// largest park, and for 两高 projects energy within its quota. Ordered by relevance (the same sum, over
/// the project's tokens found among the county's), then most recently updated first.
/// </summary>
/// <param name="IndustryTokens">The county's expanded industry tokens.</param>
/// <param name="MaxParkLandMu">The county's largest park's available land.</param>
/// <param name="EnergyQuotaTce">The county's energy quota.</param>
/// <param name="Size">Most hits returned.</param>
public sealed record ProjectsForCountyQuery(IReadOnlyList<string> IndustryTokens, decimal MaxParkLandMu, decimal EnergyQuotaTce, int Size);

/// <summary>A project found for a county.</summary>
public sealed record ProjectForCountyHit(Guid Id, double Relevance);

/// <summary>
/// Full-text and faceted project search. Every given criterion must hold.
/// <see cref="Text"/> matches title, description, industry text and industry name with Chinese analysis
/// (word segmentation plus character bigrams, so 光伏 and 锂电池 are found inside longer phrases);
/// <see cref="Industry"/> is a code at any level (3612, 361, 36, C) matching projects below it;
/// <see cref="County"/> matches the first-contact county or a county the project fits.
/// Sorted by text relevance when text is given, else by last update, newest first; ties by id.
/// </summary>
public sealed record ProjectQuery(
    string? Text = null,
    IndustryCode? Industry = null,
    string? County = null,
    ProjectStatus? Status = null,
    int Skip = 0,
    int Take = 20,
    bool ExcludeDrafts = false);

/// <summary>One page of project hits with facet counts over all matches.</summary>
/// <param name="Total">Number of matching projects.</param>
/// <param name="Hits">The page.</param>
/// <param name="ByStatus">Matching projects per status.</param>
/// <param name="ByDivision">Matching projects per GB/T division (2 digits).</param>
public sealed record ProjectSearchResult(
    long Total,
    IReadOnlyList<ProjectHit> Hits,
    IReadOnlyDictionary<ProjectStatus, long> ByStatus,
    IReadOnlyDictionary<string, long> ByDivision);

/// <summary>A project hit.</summary>
public sealed record ProjectHit(Guid Id, string Title, string IndustryCode, ProjectStatus Status, double Score)
{
    /// <summary>The first-contact county (首谈地), when known.</summary>
    public string? FirstContactCounty { get; init; }

    /// <summary>The counties the decision in force placed it in (<see cref="ProjectDocument.HostCounties"/>).</summary>
    public IReadOnlyList<string> HostCounties { get; init; } = [];
}

/// <summary>
/// Settled projects (those whose document carries a <see cref="ProjectDocument.Settlement"/>), ordered by
/// when their decision was made, then by id, one page at a time. Every given criterion must hold.
/// Pages follow a keyset cursor (<see cref="After"/>), not an offset: a settlement indexed while a reader
/// pages shifts no page, so nothing is read twice or skipped because of it.
/// </summary>
/// <param name="DecidedFrom">Decided at or after this instant.</param>
/// <param name="DecidedBefore">Decided before this instant.</param>
/// <param name="County">A county the decision placed the project in (lead or sharing).</param>
/// <param name="OverdueOnly">Only projects with a landing stage overdue.</param>
/// <param name="After">Only hits after this one in the order (the previous page's <see cref="SettledPage.Next"/>); null for the first page.</param>
/// <param name="Take">Most hits returned (at most <see cref="MaxTake"/>).</param>
public sealed record SettledQuery(
    DateTimeOffset? DecidedFrom = null,
    DateTimeOffset? DecidedBefore = null,
    string? County = null,
    bool OverdueOnly = false,
    SettledCursor? After = null,
    int Take = 500)
{
    /// <summary>The largest page.</summary>
    public const int MaxTake = 2000;
}

/// <summary>Where a page of settled projects ended: the last hit's decision time and id.</summary>
/// <param name="DecidedAt">The last hit's <see cref="Domain.Cockpit.Settlement.DecidedAt"/>.</param>
/// <param name="Id">The last hit's id.</param>
public sealed record SettledCursor(DateTimeOffset DecidedAt, Guid Id);

/// <summary>One page of settled projects.</summary>
/// <param name="Total">Number of matching projects (after the cursor too).</param>
/// <param name="Hits">The page.</param>
public sealed record SettledPage(long Total, IReadOnlyList<SettledHit> Hits)
{
    /// <summary>The cursor of the next page: after this page's last hit; null when the page is empty.</summary>
    public SettledCursor? Next => Hits.Count == 0 ? null : new SettledCursor(Hits[^1].Settlement.DecidedAt, Hits[^1].Id);
}

/// <summary>A settled project as the index holds it.</summary>
/// <param name="Id">Project id.</param>
/// <param name="Title">Title.</param>
/// <param name="IndustryCode">GB/T class.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Settlement">The decision in force and the landing progress.</param>
public sealed record SettledHit(Guid Id, string Title, string IndustryCode, ProjectStatus Status, Domain.Cockpit.Settlement Settlement)
{
    /// <summary>The GB/T division (two digits), or the code itself above division level.</summary>
    public string Division => Domain.Industries.IndustryCode.TryParse(IndustryCode, out var code) ? code.Division ?? code.Value : IndustryCode;
}

/// <summary>Reads every settled project matching a query, page by page.</summary>
public static class SettledReading
{
    /// <summary>
    /// Every hit of <paramref name="query"/> (its After and Take ignored), in keyset pages of
    /// <see cref="SettledQuery.MaxTake"/>; each project once, as of its last page read (a decision revised
    /// meanwhile moves its project later in the order, where the read meets it again).
    /// </summary>
    public static async Task<IReadOnlyList<SettledHit>> ReadAllSettledAsync(this ISearchEngine search, SettledQuery query, CancellationToken cancellationToken = default)
    {
        var all = new Dictionary<Guid, SettledHit>();
        SettledCursor? after = null;
        while (true)
        {
            var page = await search.ReadSettledAsync(query with { After = after, Take = SettledQuery.MaxTake }, cancellationToken);
            foreach (var hit in page.Hits)
            {
                all.Remove(hit.Id);
                all[hit.Id] = hit;
            }

            if (page.Hits.Count < SettledQuery.MaxTake) return [.. all.Values];
            after = page.Next;
        }
    }
}

/// <summary>
/// Contested projects with their <see cref="ProjectDocument.Contest"/>, most recently changed first, then by
/// id: the contest board's read.
/// </summary>
/// <param name="Prefecture">Only contests concerning this prefecture (see <see cref="Domain.Decisions.ContestStanding.Prefectures"/>).</param>
/// <param name="Take">Most hits returned (at most <see cref="MaxTake"/>).</param>
public sealed record ContestQuery(string? Prefecture = null, int Take = 100)
{
    /// <summary>The largest page.</summary>
    public const int MaxTake = 2000;
}

/// <summary>Contested projects, one page.</summary>
/// <param name="Total">Number of matching projects.</param>
/// <param name="Hits">The page.</param>
public sealed record ContestPage(long Total, IReadOnlyList<ContestHit> Hits);

/// <summary>A contested project as the index holds it.</summary>
/// <param name="Id">Project id.</param>
/// <param name="Title">Title.</param>
/// <param name="IndustryCode">GB/T class.</param>
/// <param name="Status">Lifecycle status (contested).</param>
/// <param name="Contest">How the contest stands.</param>
public sealed record ContestHit(Guid Id, string Title, string IndustryCode, ProjectStatus Status, Domain.Decisions.ContestStanding Contest);
