using Matching.Contracts;
using System.Text.Json;
using Matching.Domain.Geography;
using Matching.Domain.Industries;
using Matching.Domain.Projects;
using Matching.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>
/// A project as served. The member names are part of the public contract: <c>title</c>,
/// <c>description</c>, <c>industryCode</c>, <c>investment</c> (万元), <c>landMu</c>, <c>energyTce</c>,
/// <c>jobs</c>, <c>expectedTax</c> (万元/年), <c>highEnergy</c>, <c>investor</c>,
/// <c>firstContactCounty</c>, plus <c>id</c>, <c>status</c>, <c>version</c> and timestamps.
/// </summary>
public sealed record ProjectResponse(
    Guid Id, ProjectStatus Status, long Version,
    string Title, string Description, string IndustryCode, string IndustryName, string? IndustryText,
    ChainPosition? ChainPosition, decimal Investment, decimal LandMu, decimal EnergyTce, int Jobs, decimal ExpectedTax,
    bool HighEnergy, bool FirstLandingInShandong, Investor Investor, string? FirstContactCounty, DateOnly? Deadline,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt);

/// <summary>An entry of a project's history, with Chinese labels for display.</summary>
public sealed record ProjectEventResponse(
    int Sequence, ProjectEventKind Kind, ProjectStatus? From, ProjectStatus To, ProjectTrigger? Trigger,
    string Label, string Actor, DateTimeOffset At, string? Note, long Version);

/// <summary>A project search hit.</summary>
public sealed record ProjectSearchHit(Guid Id, string Title, string IndustryCode, string IndustryName, ProjectStatus Status, double Score);

/// <summary>Facet counts over every match: by status and by GB/T division.</summary>
public sealed record ProjectFacets(IReadOnlyDictionary<string, long> Status, IReadOnlyDictionary<string, long> Division);

/// <summary>A page of project search results.</summary>
public sealed record ProjectSearchResponse(long Total, IReadOnlyList<ProjectSearchHit> Items, ProjectFacets Facets);

/// <summary>Body of a withdrawal.</summary>
public sealed record WithdrawRequest(string? Reason);

internal static class ProjectsApi
{
    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects").WithTags("Projects");
        group.MapGet("/", Search).WithName("SearchProjects")
            .WithSummary("Full-text (Chinese) and faceted project search: q, industry (GB/T code at any level), county (first contact or fitting), status; skip/take paging.");
        group.MapPost("/", Create).WithName("CreateProject").WithSummary("Post a project as a draft.");
        group.MapGet("/{id:guid}", Get).WithName("GetProject");
        group.MapPut("/{id:guid}", Update).WithName("UpdateProject")
            .WithSummary("Replace a project's details while it is Draft or Open. Optional If-Match: \"version\".");
        group.MapPost("/{id:guid}/publish", Publish).WithName("PublishProject").WithSummary("Draft → Open.");
        group.MapPost("/{id:guid}/withdraw", Withdraw).WithName("WithdrawProject").WithSummary("Withdraw a project (final).");
        group.MapGet("/{id:guid}/flags", Flags).WithName("GetProjectFlags")
            .WithSummary("First contact (首谈) holder for the investor and likely duplicates (same investor and industry class).");
        group.MapGet("/{id:guid}/history", History).WithName("GetProjectHistory").WithSummary("Every event of the project, oldest first.");
        return group;
    }

    private static async Task<Results<Ok<ProjectSearchResponse>, ValidationProblem>> Search(
        string? q, string? industry, string? county, string? status, int? skip, int? take,
        ISearchEngine search, Province province, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        IndustryCode? code = null;
        if (!string.IsNullOrWhiteSpace(industry))
        {
            if (province.Industries.Find(industry) is { } line) code = line.Code;
            else errors["industry"] = [$"“{industry}”不是 GB/T 4754-2017 中的行业代码。"];
        }

        if (!string.IsNullOrWhiteSpace(county) && !province.HasCounty(county))
            errors["county"] = [$"“{county}”不是山东省县级行政区代码。"];
        ProjectStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<ProjectStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) wanted = parsed;
            else errors["status"] = [$"“{status}”不是项目状态（{string.Join("、", Enum.GetNames<ProjectStatus>().Select(JsonNamingPolicy.CamelCase.ConvertName))}）。"];
        }

        if (q is { Length: > 200 }) errors["q"] = ["不能超过 200 个字符。"];
        if (skip is < 0 or > 10_000) errors["skip"] = ["须在 0 到 10000 之间。"];
        if (take is < 0 or > 100) errors["take"] = ["须在 0 到 100 之间。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var result = await search.SearchProjectsAsync(
            new ProjectQuery(string.IsNullOrWhiteSpace(q) ? null : q.Trim(), code, string.IsNullOrWhiteSpace(county) ? null : county, wanted, skip ?? 0, take ?? 20),
            cancellationToken);
        return TypedResults.Ok(new ProjectSearchResponse(
            result.Total,
            result.Hits.Select(h => new ProjectSearchHit(h.Id, h.Title, h.IndustryCode, province.Industries.Find(h.IndustryCode)?.Name ?? string.Empty, h.Status, h.Score)).ToArray(),
            new ProjectFacets(
                result.ByStatus.ToDictionary(s => JsonNamingPolicy.CamelCase.ConvertName(s.Key.ToString()), s => s.Value),
                result.ByDivision.ToDictionary(d => d.Key, d => d.Value))));
    }

    private static async Task<IResult> Create(ProjectInput input, IGrainFactory grains, Province province, HttpContext http)
    {
        var id = Guid.CreateVersion7();
        var result = await grains.GetGrain<IProjectGrain>(id).Create(input, http.Actor());
        if (!result.IsOk) return Http.Rejection(result);
        http.Response.Headers.ETag = Http.ETag(result.Value!.Version);
        return TypedResults.Created($"/api/projects/{id}", ToResponse(result.Value, province));
    }

    private static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> Get(Guid id, IGrainFactory grains, Province province, HttpContext http)
    {
        if (await grains.GetGrain<IProjectGrain>(id).Get() is not { } project) return Http.NotFound($"项目 {id} 不存在。");
        http.Response.Headers.ETag = Http.ETag(project.Version);
        return TypedResults.Ok(ToResponse(project, province));
    }

    private static Task<IResult> Update(Guid id, ProjectInput input, IGrainFactory grains, Province province, HttpContext http) =>
        Command(http, province, expected => grains.GetGrain<IProjectGrain>(id).Update(input, http.Actor(), expected));

    private static Task<IResult> Publish(Guid id, IGrainFactory grains, Province province, HttpContext http) =>
        Command(http, province, expected => grains.GetGrain<IProjectGrain>(id).Publish(http.Actor(), expected));

    private static Task<IResult> Withdraw(Guid id, WithdrawRequest? request, IGrainFactory grains, Province province, HttpContext http) =>
        Command(http, province, expected => grains.GetGrain<IProjectGrain>(id).Withdraw(http.Actor(), request?.Reason, expected));

    private static async Task<Results<Ok<ProjectFlags>, ProblemHttpResult>> Flags(Guid id, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IProjectGrain>(id);
        if (await grain.Get() is null) return Http.NotFound($"项目 {id} 不存在。");
        return TypedResults.Ok(await grain.GetFlags());
    }

    private static async Task<Results<Ok<ProjectEventResponse[]>, ProblemHttpResult>> History(Guid id, IGrainFactory grains)
    {
        if (await grains.GetGrain<IProjectGrain>(id).Get() is not { } project) return Http.NotFound($"项目 {id} 不存在。");
        return TypedResults.Ok(project.History.Select(e => new ProjectEventResponse(
            e.Sequence, e.Kind, e.From, e.To, e.Trigger,
            e.Kind switch
            {
                ProjectEventKind.Created => "创建草稿",
                ProjectEventKind.Edited => "修改项目信息",
                ProjectEventKind.BidPlaced => "县区表达意向",
                ProjectEventKind.BidWithdrawn => "县区撤回意向",
                _ => e.Trigger is { } trigger ? ProjectLifecycle.Label(trigger) : e.Kind.ToString(),
            },
            e.Actor, e.At, e.Note, e.Version)).ToArray());
    }

    private static async Task<IResult> Command(HttpContext http, Province province, Func<long?, Task<CommandResult<Project>>> command)
    {
        if (!http.Request.TryGetExpectedVersion(out var expected)) return Http.BadIfMatch();
        var result = await command(expected);
        if (!result.IsOk) return Http.Rejection(result);
        http.Response.Headers.ETag = Http.ETag(result.Value!.Version);
        return TypedResults.Ok(ToResponse(result.Value, province));
    }

    internal static ProjectResponse ToResponse(Project project, Province province)
    {
        var d = project.Details;
        return new ProjectResponse(
            project.Id, project.Status, project.Version,
            d.Title, d.Description, d.IndustryCode.Value, province.Industries.Find(d.IndustryCode)?.Name ?? string.Empty, d.IndustryText,
            d.ChainPosition, d.Investment, d.LandMu, d.EnergyTce, d.Jobs, d.ExpectedTax,
            d.HighEnergy, d.FirstLandingInShandong, d.Investor, d.FirstContactCounty, d.Deadline,
            project.CreatedBy, project.CreatedAt, project.UpdatedAt, project.PublishedAt);
    }
}
