using Matching.Domain.Access;
using Matching.Domain.Projects;
using Matching.Host.Auth;
using Matching.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A project placed on the province map: where it is talked about (open) or where it landed (settled).</summary>
public sealed record PlacedProject(Guid Id, string Title, ProjectStatus Status, string IndustryCode, IReadOnlyList<string> Counties);

/// <summary>
/// The province at a glance. The map reads the exact counts; the lists are the most recently changed projects
/// of each status (at most <see cref="ListedPerStatus"/> of each), for naming a few, not for counting.
/// </summary>
/// <param name="Open">The most recently changed open and contested projects (up to <see cref="ListedPerStatus"/> of each), at their first-contact county.</param>
/// <param name="Settled">The most recently changed awarded and co-built projects (up to <see cref="ListedPerStatus"/> of each), at their host counties.</param>
/// <param name="Totals">Projects per status (open, contested, awarded, coBuilt), exact.</param>
/// <param name="OpenByCounty">County adcode → open and contested projects whose first contact it is, exact.</param>
/// <param name="SettledByCounty">County adcode → awarded and co-built projects it hosts, exact (a co-built project counts in each of its counties).</param>
public sealed record ProvinceOverview(
    IReadOnlyList<PlacedProject> Open,
    IReadOnlyList<PlacedProject> Settled,
    IReadOnlyDictionary<string, long> Totals,
    IReadOnlyDictionary<string, long> OpenByCounty,
    IReadOnlyDictionary<string, long> SettledByCounty)
{
    /// <summary>Most projects of one status in <see cref="Open"/> or <see cref="Settled"/>.</summary>
    public const int ListedPerStatus = 200;
}

internal static class OverviewApi
{
    public static RouteGroupBuilder MapOverviewApi(this RouteGroupBuilder api)
    {
        // Who may look sits on the group (the contest board's rule), so no handler added here can forget it:
        // anonymous callers get 401, other roles 403, both as ProblemDetails.
        var group = api.MapGroup("/overview").WithTags("Decisions")
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.AsActor() is { } actor && AccessRules.CanSeeContests(actor)));
        group.MapGet("/", Overview).WithName("GetProvinceOverview")
            .WithSummary("Coordinators' province view in one call: exact counts of open and contested projects by first-contact county and of awarded and co-built ones by host county, totals by status, and the most recent 200 projects of each status.");
        return group;
    }

    private static async Task<Ok<ProvinceOverview>> Overview(ISearchEngine search, CancellationToken cancellationToken)
    {
        // The search index is the projection the map reads: where each project is talked about (its first
        // contact) and where the decision in force placed it travel with its document, so no project grain is
        // activated to draw it. The map's counts are two count reads over every matching project (no hit is
        // read, so they stay exact at any size); the lists are four searches of a fixed page, so the whole
        // read costs the same at 100 projects and at 100,000. The index follows every stored change through
        // the project's outbox (and is reconciled after a crash).
        ProjectStatus[] open = [ProjectStatus.Open, ProjectStatus.Contested], settled = [ProjectStatus.Awarded, ProjectStatus.CoBuilt];
        var pages = Task.WhenAll(open.Concat(settled).Select(status =>
            search.SearchProjectsAsync(new ProjectQuery(Status: status, Take: ProvinceOverview.ListedPerStatus), cancellationToken)));
        var openCounts = search.CountByCountyAsync(new CountyCountQuery(open, CountyPlacement.FirstContact), cancellationToken);
        var settledCounts = search.CountByCountyAsync(new CountyCountQuery(settled, CountyPlacement.Host), cancellationToken);
        var lists = await pages;

        static PlacedProject Place(ProjectHit hit, IReadOnlyList<string> counties) =>
            new(hit.Id, hit.Title, hit.Status, hit.IndustryCode, counties);

        var placedOpen = lists[..2].SelectMany(p => p.Hits).Select(h => Place(h, h.FirstContactCounty is { } first ? [first] : []));
        var placedSettled = lists[2..].SelectMany(p => p.Hits).Select(h => Place(h, h.HostCounties));
        var totals = open.Concat(settled).Zip(lists).ToDictionary(x => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(x.First.ToString()), x => x.Second.Total);
        return TypedResults.Ok(new ProvinceOverview([.. placedOpen], [.. placedSettled], totals, (await openCounts).ByCounty, (await settledCounts).ByCounty));
    }
}
