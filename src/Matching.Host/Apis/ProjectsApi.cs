using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Host.Auth;
using System.Text.Json;
using Matching.Domain.Geography;
using Matching.Domain.Industries;
using Matching.Domain.Projects;
using Matching.Search;
using Matching.Grains.Access;
using Matching.Grains.Projects;
using Matching.Grains.Registry;
using Matching.Host.Lists;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>
/// A project as served. The member names are part of the public contract: <c>title</c>,
/// <c>description</c>, <c>industryCode</c>, <c>investment</c> (万元), <c>landMu</c>, <c>energyTce</c>,
/// <c>jobs</c>, <c>expectedTax</c> (万元/年), <c>highEnergy</c>, <c>investor</c> (null when hidden from the caller: blind posting),
/// <c>firstContactCounty</c>, <c>outputValue</c> (万元/年), <c>constructionMonths</c>, plus <c>id</c>, <c>status</c>,
/// <c>version</c>, timestamps and display names (<c>createdByName</c>, <c>firstContactCountyName</c>).
/// </summary>
public sealed record ProjectResponse(
    Guid Id, ProjectStatus Status, long Version,
    string Title, string Description, string IndustryCode, string IndustryName, string? IndustryText,
    ChainPosition? ChainPosition, decimal Investment, decimal LandMu, decimal EnergyTce, int Jobs, decimal ExpectedTax,
    bool HighEnergy, bool FirstLandingInShandong, Investor? Investor, string? FirstContactCounty, DateOnly? Deadline,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt,
    decimal? OutputValue = null, int? ConstructionMonths = null, string? CreatedByName = null, string? FirstContactCountyName = null);

/// <summary>An entry of a project's history, with Chinese labels for display.</summary>
public sealed record ProjectEventResponse(
    int Sequence, ProjectEventKind Kind, ProjectStatus? From, ProjectStatus To, ProjectTrigger? Trigger,
    string Label, string Actor, DateTimeOffset At, string? Note, long Version);

/// <summary>A project search hit.</summary>
public sealed record ProjectSearchHit(Guid Id, string Title, string IndustryCode, string IndustryName, ProjectStatus Status, double Score);

/// <summary>Facet counts over every match: by status and by GB/T division.</summary>
public sealed record ProjectFacets(IReadOnlyDictionary<string, long> Status, IReadOnlyDictionary<string, long> Division);

/// <summary>A page of project search results; <c>rows</c> are the same projects as table rows.</summary>
public sealed record ProjectSearchResponse(long Total, IReadOnlyList<ProjectSearchHit> Items, ProjectFacets Facets, IReadOnlyList<ProjectRow> Rows);

/// <summary>Body of a withdrawal.</summary>
public sealed record WithdrawRequest(string? Reason);

internal static class ProjectsApi
{
    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects").WithTags("Projects");
        group.MapGet("/", Search).WithName("SearchProjects")
            .WithSummary("Full-text (Chinese) and faceted project search: q, industry (GB/T code at any level), county (first contact or fitting), status; skip/take paging.");
        group.MapPost("/", Create).WithName("CreateProject")
            .WithSummary("Post a project as a draft (officers, coordinators). Optional Idempotency-Key header (the caller's own, 24 h): a retry stores one project and answers it again; the same key with a different body is 422.");
        group.MapGet("/mine", Mine).WithName("MyProjects")
            .WithSummary("The projects the caller posted, drafts included, as table rows: sort/order, q, status, skip/take (total in X-Total-Count), format=xlsx; over the newest 2,000.");
        group.MapGet("/{id:guid}", Get).WithName("GetProject");
        group.MapPut("/{id:guid}", Update).WithName("UpdateProject")
            .WithSummary("Replace a project's details while it is Draft or Open. Optional If-Match: \"version\".");
        group.MapPost("/{id:guid}/publish", Publish).WithName("PublishProject").WithSummary("Draft → Open.");
        group.MapPost("/{id:guid}/withdraw", Withdraw).WithName("WithdrawProject").WithSummary("Withdraw a project (a restore brings it back).");
        group.MapPost("/{id:guid}/restore", Restore).WithName("RestoreProject")
            .WithSummary("Withdrawn → Draft (never published) or Open, with a required reason; earlier bids stay void, an earlier award is not revived. Optional If-Match.");
        group.MapGet("/{id:guid}/flags", Flags).WithName("GetProjectFlags")
            .WithSummary("First contact (首谈) holder for the investor and likely duplicates (same investor and industry class).");
        group.MapGet("/{id:guid}/history", History).WithName("GetProjectHistory")
            .WithSummary("The project's append-only history, a page at a time: after (a sequence), take (1-500, default 200), order (oldest|newest); total in X-Total-Count.");
        return group;
    }

    private static async Task<Results<Ok<ProjectSearchResponse>, XlsxFile, ValidationProblem>> Search(
        string? q, string? industry, string? county, string? status, int? skip, int? take, string? sort, string? order, string? format,
        ISearchEngine search, IGrainFactory grains, Province province, HttpContext http, CancellationToken cancellationToken)
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
            if (Domain.DeclaredNameEnumConverter.TryParse<ProjectStatus>(status, out var parsed)) wanted = parsed;
            else errors["status"] = [$"“{status}”不是项目状态（{string.Join("、", Enum.GetNames<ProjectStatus>().Select(JsonNamingPolicy.CamelCase.ConvertName))}）。"];
        }

        if (q is { Length: > 200 }) errors["q"] = ["不能超过 200 个字符。"];
        if (skip is < 0 or > 10_000) errors["skip"] = ["须在 0 到 10000 之间。"];
        if (take is < 0 or > 100) errors["take"] = ["须在 0 到 100 之间。"];
        var list = new ListQuery { Sort = sort, Order = order, Format = format };
        foreach (var (field, messages) in ListResults.Validate(list, ProjectRows.Shape(SearchSheet))) errors[field] = messages;
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var query = new ProjectQuery(string.IsNullOrWhiteSpace(q) ? null : q.Trim(), code, string.IsNullOrWhiteSpace(county) ? null : county, wanted, skip ?? 0, take ?? 20,
            // Drafts are work in progress: only coordinators and admins find them here (officers see theirs under /mine).
            ExcludeDrafts: !http.Actor().SeesEverything);
        // Sorted by a column or exported: every hit is read and ordered here (relevance order is the engine's).
        var ordered = sort is not null || list.WantsXlsx;
        var result = await search.SearchProjectsAsync(ordered ? query with { Skip = 0, Take = 100 } : query, cancellationToken);
        var hits = result.Hits.ToList();
        while (ordered && hits.Count < Math.Min(result.Total, SortedSearchLimit))
        {
            var next = await search.SearchProjectsAsync(query with { Skip = hits.Count, Take = 100 }, cancellationToken);
            if (next.Hits.Count == 0) break;
            hits.AddRange(next.Hits);
        }

        var rows = await SearchRows(hits.Select(h => h.Id), grains, province, http.Actor());
        if (ordered)
        {
            var sorted = ListResults.Apply(list, ProjectRows.Shape(SearchSheet), rows);
            if (list.WantsXlsx) return XlsxExport.File(ProjectRows.Shape(SearchSheet), sorted);
            rows = sorted.Skip(skip ?? 0).Take(take ?? 20).ToArray();
            var byId = hits.ToDictionary(h => h.Id);
            hits = rows.Select(r => byId[r.Id]).ToList();
        }

        return TypedResults.Ok(new ProjectSearchResponse(
            result.Total,
            hits.Select(h => new ProjectSearchHit(h.Id, h.Title, h.IndustryCode, province.Industries.Find(h.IndustryCode)?.Name ?? string.Empty, h.Status, h.Score)).ToArray(),
            new ProjectFacets(
                result.ByStatus.ToDictionary(s => JsonNamingPolicy.CamelCase.ConvertName(s.Key.ToString()), s => s.Value),
                result.ByDivision.ToDictionary(d => d.Key, d => d.Value)),
            rows));
    }

    private const string SearchSheet = "项目";

    /// <summary>Most hits a column sort or an export orders.</summary>
    private const int SortedSearchLimit = 5000;

    private static async Task<IReadOnlyList<ProjectRow>> SearchRows(IEnumerable<Guid> ids, IGrainFactory grains, Province province, Domain.Access.Actor actor)
    {
        var projects = await Task.WhenAll(ids.Select(id => grains.GetGrain<IProjectGrain>(id).Get()));
        return await Task.WhenAll(projects.OfType<Project>().Where(p => AccessRules.CanSee(actor, p)).Select(p => ProjectRows.Of(p, grains, province)));
    }

    private static async Task<Results<Created<ProjectResponse>, ForbiddenProblem, ValidationProblem, Rejection>> Create(ProjectInput input, IGrainFactory grains, Province province, HttpContext http)
    {
        var actor = http.Actor();
        if (!AccessRules.CanPost(actor)) return Access.Forbidden("只有招商专员和统筹协调员可以发布项目。");
        if (!http.Request.TryIdempotencyKey(out var key, out var badKey)) return badKey!;
        // With a key, the project's id is derived from the caller and the key: a retry reaches the same grain.
        var id = key is null ? Guid.CreateVersion7() : ProjectKeys.IdFor(actor.UserName, key);
        var result = await grains.GetGrain<IProjectGrain>(id).Create(input, actor.UserName, key is null ? null : ProjectGrain.Digest(input));
        if (!result.IsOk) return Http.Rejection(result);
        http.Response.Headers.ETag = Http.ETag(result.Value!.Version);
        return TypedResults.Created($"/api/projects/{id}", ToResponse(result.Value, province, revealInvestor: true));
    }

    private static async Task<Results<ListPage<ProjectRow>, ValidationProblem>> Mine([AsParameters] ListQuery list, IGrainFactory grains, ProjectLists lists, Province province, HttpContext http)
    {
        var shape = ProjectRows.Shape("我的项目");
        if (ListResults.Validate(list, shape) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, title: "列表参数无效");
        var actor = http.Actor();
        var (ids, _) = await lists.ReadAsync(ProjectLists.PostedBy(actor.UserName), 0, Paging.ListWindow);
        var projects = await Task.WhenAll(ids.Select(id => grains.GetGrain<IProjectGrain>(id).Get()));
        var rows = await Task.WhenAll(projects.OfType<Project>().Select(p => ProjectRows.Of(p, grains, province)));
        return ListResults.Respond(http, list, shape, rows);
    }

    private static async Task<Results<Ok<ProjectResponse>, NotFoundProblem>> Get(Guid id, IGrainFactory grains, RevealAudit audit, Province province, HttpContext http, TimeProvider time, ILogger<ProjectResponse> logger)
    {
        var actor = http.Actor();
        var (project, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        http.Response.Headers.ETag = Http.ETag(project!.Version);
        return TypedResults.Ok(ToResponse(project, province, await Access.RevealInvestor(grains, audit, project, actor, time, logger)));
    }

    private static Task<Results<Ok<ProjectResponse>, NotFoundProblem, ForbiddenProblem, ValidationProblem, Rejection>> Update(Guid id, ProjectInput input, IGrainFactory grains, Province province, HttpContext http) =>
        Command(http, grains, id, province, (grain, actor, expected) => grain.Update(input, actor, expected));

    private static Task<Results<Ok<ProjectResponse>, NotFoundProblem, ForbiddenProblem, ValidationProblem, Rejection>> Publish(Guid id, IGrainFactory grains, Province province, HttpContext http) =>
        Command(http, grains, id, province, (grain, actor, expected) => grain.Publish(actor, expected));

    private static Task<Results<Ok<ProjectResponse>, NotFoundProblem, ForbiddenProblem, ValidationProblem, Rejection>> Withdraw(Guid id, WithdrawRequest? request, IGrainFactory grains, Province province, HttpContext http) =>
        Command(http, grains, id, province, (grain, actor, expected) => grain.Withdraw(actor, request?.Reason, expected));

    private static Task<Results<Ok<ProjectResponse>, NotFoundProblem, ForbiddenProblem, ValidationProblem, Rejection>> Restore(Guid id, WithdrawRequest? request, IGrainFactory grains, Province province, HttpContext http) =>
        Command(http, grains, id, province, (grain, actor, expected) => grain.Restore(actor, request?.Reason, expected));

    private static async Task<Results<Ok<ProjectFlags>, NotFoundProblem, ForbiddenProblem>> Flags(Guid id, IGrainFactory grains, HttpContext http)
    {
        var actor = http.Actor();
        var (project, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        if (!AccessRules.CanSeeWorking(actor, project!)) return Access.Forbidden("首谈与疑似重复标记仅对发布专员和统筹协调员可见。");
        return TypedResults.Ok(await grains.GetGrain<IProjectGrain>(id).GetFlags());
    }

    private static async Task<Results<Ok<ProjectEventResponse[]>, NotFoundProblem, ForbiddenProblem, ValidationProblem>> History(Guid id, long? after, int? take, string? order, IGrainFactory grains, HttpContext http)
    {
        var actor = http.Actor();
        var (project, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        if (!AccessRules.CanSeeWorking(actor, project!)) return Access.Forbidden("项目历史仅对发布专员和统筹协调员可见。");
        var errors = new Dictionary<string, string[]>();
        if (after is < 0) errors["after"] = ["须为非负的历史序号。"];
        if (take is < 1 or > Paging.MaxTake) errors["take"] = [$"须在 1 到 {Paging.MaxTake} 之间。"];
        if (order is not (null or "oldest" or "newest")) errors["order"] = ["须为 oldest（最早在前）或 newest（最新在前）。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "分页参数无效");
        var page = await grains.GetGrain<IProjectGrain>(id).GetHistory(new HistoryQuery(after, take ?? Paging.DefaultTake, order == "newest"));
        http.Response.Headers[Paging.TotalHeader] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(page.Entries.Select(e => new ProjectEventResponse(
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

    /// <summary>A change by the posting officer or a coordinator: 404 when hidden, 403 for anyone else.</summary>
    private static async Task<Results<Ok<ProjectResponse>, NotFoundProblem, ForbiddenProblem, ValidationProblem, Rejection>> Command(
        HttpContext http, IGrainFactory grains, Guid id, Province province, Func<IProjectGrain, string, long?, Task<CommandResult<Project>>> command)
    {
        var actor = http.Actor();
        var (project, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        if (!AccessRules.CanEdit(actor, project!)) return Access.Forbidden("只有发布该项目的招商专员或统筹协调员可以修改项目。");
        if (!http.Request.TryGetExpectedVersion(out var expected)) return Http.BadIfMatch();
        var result = await command(grains.GetGrain<IProjectGrain>(id), actor.UserName, expected);
        if (!result.IsOk) return Http.Rejection(result);
        http.Response.Headers.ETag = Http.ETag(result.Value!.Version);
        return TypedResults.Ok(ToResponse(result.Value, province, revealInvestor: true));
    }

    /// <summary>The project as served; <paramref name="revealInvestor"/> is false for callers the investor is hidden from (blind posting).</summary>
    internal static ProjectResponse ToResponse(Project project, Province province, bool revealInvestor)
    {
        var d = project.Details;
        return new ProjectResponse(
            project.Id, project.Status, project.Version,
            d.Title, d.Description, d.IndustryCode.Value, province.Industries.Find(d.IndustryCode)?.Name ?? string.Empty, d.IndustryText,
            d.ChainPosition, d.Investment, d.LandMu, d.EnergyTce, d.Jobs, d.ExpectedTax,
            d.HighEnergy, d.FirstLandingInShandong, revealInvestor ? d.Investor : null, d.FirstContactCounty, d.Deadline,
            project.CreatedBy, project.CreatedAt, project.UpdatedAt, project.PublishedAt,
            d.OutputValue, d.ConstructionMonths, PeopleNames.Of(project.CreatedBy, province), province.Label(d.FirstContactCounty));
    }
}
