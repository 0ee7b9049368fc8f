using Matching.Domain.Access;
using Matching.Domain.Projects;
using Matching.Host.Auth;
using Matching.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A project placed on the province map: where it is talked about (open) or where it landed (settled).</summary>
public sealed record PlacedProject(Guid Id, string Title, ProjectStatus Status, string IndustryCode, IReadOnlyList<string> Counties);

/// <summary>The province at a glance: open projects at their first-contact county, settled ones at their counties, and totals by status.</summary>
public sealed record ProvinceOverview(IReadOnlyList<PlacedProject> Open, IReadOnlyList<PlacedProject> Settled, IReadOnlyDictionary<string, long> Totals);

internal static class OverviewApi
{
    /// <summary>Most projects of one status the overview places on the map.</summary>
    private const int PerStatus = 500;

    public static RouteGroupBuilder MapOverviewApi(this RouteGroupBuilder api)
    {
        // Who may look sits on the group (the contest board's rule), so no handler added here can forget it:
        // anonymous callers get 401, other roles 403, both as ProblemDetails.
        var group = api.MapGroup("/overview").WithTags("Decisions")
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.AsActor() is { } actor && AccessRules.CanSeeContests(actor)));
        group.MapGet("/", Overview).WithName("GetProvinceOverview")
            .WithSummary("Coordinators' province view in one call: open and contested projects by first-contact county, awarded and co-built ones by county, totals by status.");
        return group;
    }

    private static async Task<Ok<ProvinceOverview>> Overview(ISearchEngine search, CancellationToken cancellationToken)
    {
        // The search index is the projection the map reads: where each project is talked about (its first
        // contact) and where the decision in force placed it travel with its document, so the view costs four
        // searches whatever the province's size, and no project grain is activated to draw it. The index
        // follows every stored change through the project's outbox (and is reconciled after a crash).
        ProjectStatus[] open = [ProjectStatus.Open, ProjectStatus.Contested], settled = [ProjectStatus.Awarded, ProjectStatus.CoBuilt];
        var pages = await Task.WhenAll(open.Concat(settled).Select(status =>
            search.SearchProjectsAsync(new ProjectQuery(Status: status, Take: PerStatus), cancellationToken)));

        static PlacedProject Place(ProjectHit hit, IReadOnlyList<string> counties) =>
            new(hit.Id, hit.Title, hit.Status, hit.IndustryCode, counties);

        var placedOpen = pages[..2].SelectMany(p => p.Hits).Select(h => Place(h, h.FirstContactCounty is { } first ? [first] : []));
        var placedSettled = pages[2..].SelectMany(p => p.Hits).Select(h => Place(h, h.HostCounties));
        var totals = open.Concat(settled).Zip(pages).ToDictionary(x => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(x.First.ToString()), x => x.Second.Total);
        return TypedResults.Ok(new ProvinceOverview([.. placedOpen], [.. placedSettled], totals));
    }
}
