using Matching.Search;
using Matching.Contracts;
using Matching.Grains.Inboxes;
using Matching.Domain.Access;
using Matching.Host.Auth;
using Matching.Domain.Fit;
using Matching.Domain.Geography;
using Matching.Domain.Parks;
using Matching.Domain.Projects;
using Matching.Engine;
using Matching.Host.Lists;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>The park a match would use.</summary>
public sealed record MatchPark(string Id, string Name, ParkLevel Level, decimal AvailableLandMu);

/// <summary>One factor of a score.</summary>
public sealed record MatchFactor(string Name, double Points, string Reason);

/// <summary>A county that fits a project.</summary>
public sealed record CountyMatch(string County, string CountyName, MatchPark? Park, double Score, IReadOnlyList<MatchFactor> Factors);

/// <summary>A county that cannot take the project.</summary>
public sealed record CountyExclusion(string County, string CountyName, IReadOnlyList<string> Reasons);

/// <summary>Matches of a project: ranked counties with their best park and factor breakdown, and the excluded with reasons.</summary>
public sealed record ProjectMatchesResponse(Guid ProjectId, IReadOnlyList<CountyMatch> Matches, IReadOnlyList<CountyExclusion> Excluded, int Candidates);

/// <summary>A project in lists.</summary>
public sealed record ProjectCard(Guid Id, string Title, string IndustryCode, string IndustryName, ProjectStatus Status, decimal Investment, decimal LandMu, bool HighEnergy);

/// <summary>An open project fitting a county.</summary>
public sealed record ProjectMatch(ProjectCard Project, MatchPark? Park, double Score, IReadOnlyList<MatchFactor> Factors);

/// <summary>A project in a county's inbox.</summary>
public sealed record InboxItem(ProjectRow Project, double Score, DateTimeOffset At);

internal static class MatchesApi
{
    public static RouteGroupBuilder MapMatchesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{id:guid}/matches", ProjectMatches).WithTags("Matching").WithName("GetProjectMatches")
            .WithSummary("Counties ranked by fit with their best park and the score broken into factors with reasons; excluded counties with theirs.");
        api.MapGet("/counties/{adcode}/matches", CountyMatches).WithTags("Matching").WithName("GetCountyMatches")
            .WithSummary("Open projects that fit a county, best first, with the county's score breakdown.");
        api.MapGet("/counties/{adcode}/inbox", Inbox).WithTags("Matching").WithName("GetCountyInbox")
            .WithSummary("The county's standing interests: published projects that fit it above the inbox threshold. sort/order, q, status, skip/take (total in X-Total-Count), format=xlsx.");
        return api;
    }

    private static async Task<Results<Ok<ProjectMatchesResponse>, ValidationProblem, NotFoundProblem, ForbiddenProblem>> ProjectMatches(
        Guid id, int? top, IGrainFactory grains, ProjectMatcher matcher, HttpContext http, CancellationToken cancellationToken)
    {
        if (top is < 1 or > 500)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["top"] = ["须在 1 到 500 之间。"] });
        var actor = http.Actor();
        var (visible, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        // Every county's score is the coordinators' and the posting officer's; a county sees its own fit in its inbox.
        if (!AccessRules.CanSeeWorking(actor, visible!)) return Access.Forbidden("全部县区的匹配结果仅对发布专员和统筹协调员可见。");
        var project = visible!;

        var result = await matcher.MatchAsync(project.Details, top ?? 20, cancellationToken: cancellationToken);
        return TypedResults.Ok(new ProjectMatchesResponse(
            id,
            result.Matches.Select(m => new CountyMatch(m.Adcode, m.CountyName, Park(m.BestPark), m.Score, Factors(m))).ToArray(),
            result.Excluded.Select(e => new CountyExclusion(e.Adcode, e.CountyName, e.Reasons)).ToArray(),
            result.Candidates));
    }

    private static async Task<Results<Ok<ProjectMatch[]>, NotFoundProblem, ForbiddenProblem, ValidationProblem>> CountyMatches(
        string adcode, int? top, Province province, IGrainFactory grains, CountyMatcher matcher, HttpContext http, CancellationToken cancellationToken)
    {
        if (!province.HasCounty(adcode)) return NotFoundProblem.Of($"没有代码为“{adcode}”的山东省县级行政区。");
        if (!AccessRules.CanSeeCountyWork(http.Actor(), adcode)) return Access.Forbidden("只能查看本县（市、区）的匹配项目。");
        if (top is < 1 or > 200)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["top"] = ["须在 1 到 200 之间。"] });

        var projects = new Dictionary<Guid, Project>();
        var fits = await matcher.MatchAsync(adcode, async ids =>
        {
            foreach (var project in (await Task.WhenAll(ids.Select(i => grains.GetGrain<IProjectGrain>(i).Get()))).OfType<Project>())
                projects[project.Id] = project;
            // Only projects still open to bids are offered, whatever the index says.
            return projects.Values.Where(p => p.Status is ProjectStatus.Open or ProjectStatus.Contested).ToDictionary(p => p.Id, p => p.Details);
        }, top ?? 20, cancellationToken);

        return TypedResults.Ok(fits.Select(f => new ProjectMatch(Card(projects[f.ProjectId], province), Park(f.Fit.BestPark), f.Fit.Score, Factors(f.Fit))).ToArray());
    }

    private static async Task<Results<ListPage<InboxItem>, NotFoundProblem, ForbiddenProblem, ValidationProblem>> Inbox(
        string adcode, [AsParameters] ListQuery list, Province province, IGrainFactory grains, CountyInbox inbox, ISearchEngine search, HttpContext http, CancellationToken cancellationToken)
    {
        if (!province.HasCounty(adcode)) return NotFoundProblem.Of($"没有代码为“{adcode}”的山东省县级行政区。");
        if (!AccessRules.CanSeeCountyWork(http.Actor(), adcode)) return Access.Forbidden("只能查看本县（市、区）的收件箱。");
        if (ListResults.Validate(list, InboxRows.Shape) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, title: "列表参数无效");
        // The screen's order (arrival) is one keyset page of the inbox's rows, whatever the inbox holds; other
        // orders and the text filter are applied on the host to the newest window. Each row's columns come
        // from the search index's listing, not from a grain per row.
        if (InboxListings.IsKeyset(list))
        {
            var (rows, total) = await InboxListings.PageAsync(adcode, list, inbox, search, grains, province, cancellationToken);
            return ListResults.Page(http, rows, total);
        }

        return ListResults.Respond(http, list, InboxRows.Shape, await InboxListings.WindowAsync(adcode, list, inbox, search, grains, province, cancellationToken));
    }

    internal static ProjectCard Card(Project project, Province province) => new(
        project.Id, project.Details.Title, project.Details.IndustryCode.Value,
        province.Industries.Find(project.Details.IndustryCode)?.Name ?? string.Empty,
        project.Status, project.Details.Investment, project.Details.LandMu, project.Details.HighEnergy);

    private static MatchPark? Park(Park? park) =>
        park is null ? null : new MatchPark(park.Id, park.Reference.Name, park.Reference.Level, park.Profile.AvailableLandMu.InForce);

    private static MatchFactor[] Factors(FitScore fit) => fit.Factors.Select(f => new MatchFactor(f.Name, f.Points, f.Reason)).ToArray();
}
