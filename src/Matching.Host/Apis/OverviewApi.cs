using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Domain.Decisions;
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

    private static async Task<Ok<ProvinceOverview>> Overview(ISearchEngine search, IGrainFactory grains, CancellationToken cancellationToken)
    {
        ProjectStatus[] open = [ProjectStatus.Open, ProjectStatus.Contested], settled = [ProjectStatus.Awarded, ProjectStatus.CoBuilt];
        var pages = await Task.WhenAll(open.Concat(settled).Select(status =>
            search.SearchProjectsAsync(new ProjectQuery(Status: status, Take: PerStatus), cancellationToken)));

        // The index finds them; the grains say where they are now (the index may lag a change by a moment).
        async Task<PlacedProject?> Place(Guid id, bool wantSettled)
        {
            var grain = grains.GetGrain<IProjectGrain>(id);
            if (await grain.Get() is not { } project) return null;
            if (!wantSettled)
            {
                return project.Status is ProjectStatus.Open or ProjectStatus.Contested
                    ? new PlacedProject(project.Id, project.Details.Title, project.Status, project.Details.IndustryCode.Value,
                        project.Details.FirstContactCounty is { } first ? [first] : [])
                    : null;
            }

            if (project.Status is not (ProjectStatus.Awarded or ProjectStatus.CoBuilt)) return null;
            var terms = (await grain.GetLastDecision())?.Terms;
            IReadOnlyList<string> counties = terms?.Kind == DecisionKind.CoBuild ? [.. terms.Shares.Select(s => s.County)] : terms?.County is { } county ? [county] : [];
            return new PlacedProject(project.Id, project.Details.Title, project.Status, project.Details.IndustryCode.Value, counties);
        }

        var placedOpen = await Task.WhenAll(pages[..2].SelectMany(p => p.Hits).Select(h => Place(h.Id, wantSettled: false)));
        var placedSettled = await Task.WhenAll(pages[2..].SelectMany(p => p.Hits).Select(h => Place(h.Id, wantSettled: true)));
        var totals = open.Concat(settled).Zip(pages).ToDictionary(x => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(x.First.ToString()), x => x.Second.Total);
        return TypedResults.Ok(new ProvinceOverview([.. placedOpen.OfType<PlacedProject>()], [.. placedSettled.OfType<PlacedProject>()], totals));
    }
}
