using Matching.Contracts;
using Matching.Contracts.Attachments;
using Matching.Contracts.Landing;
using Matching.Domain.Access;
using Matching.Domain.Geography;
using Matching.Domain.Landing;
using Matching.Domain.Projects;
using Matching.Grains.Projects;
using Matching.Grains.Registry;
using Matching.Host.Auth;
using Matching.Host.Lists;
using Matching.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>One stage of a project's landing: its latest report (any status), the last confirmed figures, the evidence files.</summary>
public sealed record LandingStageResponse(
    LandingStage Stage, string Label, LandingReport? Latest, string? StatusLabel, LandingFigures? Confirmed, IReadOnlyList<AttachmentResponse> Attachments);

/// <summary>The running stage clock: the stage awaited, since when and by when.</summary>
public sealed record LandingClockResponse(LandingStage Stage, string Label, DateTimeOffset From, DateTimeOffset Due, bool Overdue);

/// <summary>A project's landing as served: who lands it, each stage, what may be reported next, the clock and the overdue flag.</summary>
public sealed record LandingResponse(
    Guid ProjectId, string Title, ProjectStatus Status, long Version, string? County, string? CountyName, IReadOnlyList<string> Partners,
    DateTimeOffset? DecidedAt, IReadOnlyList<LandingStageResponse> Stages, IReadOnlyList<LandingStage> Reportable,
    IReadOnlyList<int> Pending, LandingClockResponse? Clock, LandingOverdue? Overdue);

/// <summary>A coordinator's confirmation or return (a reason is required to return).</summary>
public sealed record LandingReviewRequest(string? Reason);

/// <summary>A stage as a table row (the stages list and its spreadsheet).</summary>
public sealed record LandingStageRow(
    LandingStage Stage, string Label, int? Number, string StatusLabel, DateOnly? Date, string? ContractNumber, decimal? Amount, string? PermitNumber,
    decimal? CumulativeFunds, decimal? OutputValue, decimal? Tax, int? Jobs, string? ReportedBy, DateTimeOffset? ReportedAt,
    string? ReviewedBy, DateTimeOffset? ReviewedAt, string? Reason);

/// <summary>An overdue project as a table row.</summary>
public sealed record OverdueRow(
    Guid ProjectId, string Title, ProjectStatus Status, string County, string CountyName, LandingStage Stage, string StageLabel,
    DateTimeOffset Due, DateTimeOffset FlaggedAt, int DaysOverdue);

/// <summary>
/// The stages after a decision over HTTP: the landing county reports the next stage with evidence, a
/// coordinator confirms or returns it, everyone entitled sees the stages; the overdue list for coordinators
/// (all) and counties (their own). The parties of a project are its landing county and co-build partners.
/// </summary>
internal static partial class LandingApi
{
    public static RouteGroupBuilder MapLandingApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/").WithTags("Landing");
        group.MapGet("/projects/{id:guid}/landing", Get).WithName("GetLanding")
            .WithSummary("A project's stages after its decision (签约 → 开工 → 资金到位 → 投产 → 达产): latest report of each, confirmed figures, evidence, what may be reported next, the running clock and the overdue flag. Parties, the officer, coordinators.");
        group.MapPost("/projects/{id:guid}/landing/reports", Report).WithName("ReportLandingStage")
            .WithSummary("The landing county reports a stage: stage, date and the stage's figures (万元 ≥ 0), attachmentIds uploaded for this project first. Out of order, a wrong figure, a county that did not win: 400 naming the field, nothing stored.");
        group.MapPost("/projects/{id:guid}/landing/reports/{number:int}/confirm", Confirm).WithName("ConfirmLandingStage")
            .WithSummary("A coordinator confirms a pending stage report (optional reason). The first confirmed 签约 moves the project to landed.");
        group.MapPost("/projects/{id:guid}/landing/reports/{number:int}/return", Return).WithName("ReturnLandingStage")
            .WithSummary("A coordinator returns a pending stage report with a reason (required); the county may report the stage again.");
        group.MapGet("/projects/{id:guid}/landing/stages", Stages).WithName("ListLandingStages")
            .WithSummary("A project's stages as table rows: sort/order, skip/take (total in X-Total-Count), format=xlsx.");
        group.MapGet("/landing/overdue", Overdue).WithName("ListOverdueProjects")
            .WithSummary("Projects whose stage clock ran out (coordinators: all; a county: where it is a party): sort/order, q, status, skip/take (total in X-Total-Count), format=xlsx; over every overdue project.");
        group.MapOverduePages();
        return group;
    }

    /// <summary>Whether the caller may see a project's landing: its parties, its officer, coordinators and admins.</summary>
    public static bool MaySee(Actor actor, Project project, LandingView? landing) =>
        AccessRules.CanSeeWorking(actor, project) ||
        (actor.County is { } county && landing is not null && (landing.County == county || landing.Partners.Contains(county)));

    private static async Task<Results<Ok<LandingResponse>, NotFoundProblem, ForbiddenProblem>> Get(Guid id, IGrainFactory grains, IBlobStore blobs, Province province, HttpContext http, CancellationToken cancellationToken)
    {
        var (project, landing, missing, hidden) = await Visible(grains, id, http.Actor());
        if (missing is not null) return missing;
        if (hidden is not null) return hidden;
        return TypedResults.Ok(await Response(project!, landing!, blobs, province, cancellationToken));
    }

    private static async Task<Results<Ok<LandingResponse>, NotFoundProblem, ForbiddenProblem, ValidationProblem, Rejection>> Report(Guid id, LandingReportInput input, IGrainFactory grains, IBlobStore blobs, Province province, HttpContext http, CancellationToken cancellationToken)
    {
        var actor = http.Actor();
        var (project, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        if (actor.County is not { } county) return Access.Forbidden("只有落地县账号可以报告落地进度。");
        var landing = await grains.GetGrain<IProjectGrain>(id).GetLanding();
        if (landing!.County is { } lead && county != lead)
            return new ForbiddenProblem(TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["county"] = [$"{CountyName(province, county)}不是该项目的落地县（落地县为{CountyName(province, lead)}），不能报告落地进度。"],
            })
            { Status = StatusCodes.Status403Forbidden, Title = "无权操作", Detail = "只有落地县（共建项目的牵头县）可以报告落地进度。" }));

        // Evidence must be files uploaded for this project.
        for (var i = 0; i < (input.AttachmentIds?.Count ?? 0); i++)
        {
            var attachment = await blobs.GetAsync(input.AttachmentIds![i], cancellationToken);
            if (attachment is null || attachment.ProjectId != id)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [$"attachmentIds[{i}]"] = [$"没有为该项目上传的编号为“{input.AttachmentIds[i]}”的附件。"],
                }, title: "输入校验失败");
        }

        var result = await grains.GetGrain<IProjectGrain>(id).ReportLanding(input, county, actor.UserName);
        return await Answer(result, project!, grains, blobs, province, cancellationToken);
    }

    private static Task<Results<Ok<LandingResponse>, NotFoundProblem, ForbiddenProblem, ValidationProblem, Rejection>> Confirm(Guid id, int number, LandingReviewRequest? request, IGrainFactory grains, IBlobStore blobs, Province province, HttpContext http, CancellationToken cancellationToken) =>
        Review(id, number, true, request?.Reason, grains, blobs, province, http, cancellationToken);

    private static Task<Results<Ok<LandingResponse>, NotFoundProblem, ForbiddenProblem, ValidationProblem, Rejection>> Return(Guid id, int number, LandingReviewRequest? request, IGrainFactory grains, IBlobStore blobs, Province province, HttpContext http, CancellationToken cancellationToken) =>
        Review(id, number, false, request?.Reason, grains, blobs, province, http, cancellationToken);

    private static async Task<Results<Ok<LandingResponse>, NotFoundProblem, ForbiddenProblem, ValidationProblem, Rejection>> Review(Guid id, int number, bool confirm, string? reason, IGrainFactory grains, IBlobStore blobs, Province province, HttpContext http, CancellationToken cancellationToken)
    {
        var actor = http.Actor();
        if (!AccessRules.CanDecide(actor)) return Access.Forbidden("只有统筹协调员可以确认或退回落地进度。");
        var (project, _, missing, hidden) = await Visible(grains, id, actor);
        if (missing is not null) return missing;
        if (hidden is not null) return hidden;
        var result = await grains.GetGrain<IProjectGrain>(id).ReviewLanding(number, confirm, reason, actor.UserName);
        return await Answer(result, project!, grains, blobs, province, cancellationToken);
    }

    private static async Task<Results<ListPage<LandingStageRow>, NotFoundProblem, ForbiddenProblem>> Stages([AsParameters] ListQuery list, Guid id, IGrainFactory grains, HttpContext http)
    {
        var (project, landing, missing, hidden) = await Visible(grains, id, http.Actor());
        if (missing is not null) return missing;
        if (hidden is not null) return hidden;
        var rows = LandingStages.All.Select(stage => StageRow(stage, landing!.Progress.Of(stage)?.Latest)).ToArray();
        return ListResults.Respond(http, list, LandingStageRows.Shape(project!.Details.Title), rows);
    }

    private static async Task<Results<ListPage<OverdueRow>, ValidationProblem, ForbiddenProblem>> Overdue([AsParameters] ListQuery list, ISearchEngine search, Province province, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var actor = http.Actor();
        if (!actor.SeesEverything && actor.County is null) return Access.Forbidden("超期项目清单仅对统筹协调员和县（市、区）账号可见。");
        if (ListResults.Validate(list, OverdueRows.Shape) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, title: "列表参数无效");
        // The settled projects' projection answers which are overdue (and where), without reading their grains:
        // every one, in keyset pages (the list sorts and filters them all); /landing/overdue/pages reads one page.
        var query = new SettledQuery(County: actor.SeesEverything ? null : actor.County, OverdueOnly: true);
        var hits = await search.ReadAllSettledAsync(query, cancellationToken);
        var now = time.GetUtcNow();
        return ListResults.Respond(http, list, OverdueRows.Shape, OverdueRowsOf(hits, province, now));
    }

    private static IEnumerable<OverdueRow> OverdueRowsOf(IEnumerable<SettledHit> hits, Province province, DateTimeOffset now) =>
        hits.Where(h => h.Settlement.Overdue is not null).Select(h =>
        {
            var (settlement, overdue) = (h.Settlement, h.Settlement.Overdue!);
            return new OverdueRow(h.Id, h.Title, h.Status, settlement.Lead, CountyName(province, settlement.Lead),
                overdue.Stage, overdue.Stage.Label(), overdue.Due, overdue.FlaggedAt, (int)Math.Floor((now - overdue.Due).TotalDays));
        });

    private static async Task<(Project? Project, LandingView? Landing, NotFoundProblem? Missing, ForbiddenProblem? Hidden)> Visible(IGrainFactory grains, Guid id, Actor actor)
    {
        var (project, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return (null, null, denied, null);
        var landing = await grains.GetGrain<IProjectGrain>(id).GetLanding();
        return MaySee(actor, project!, landing)
            ? (project, landing, null, null)
            : (null, null, null, Access.Forbidden("落地进度仅对项目的落地县与合作县、发布专员和统筹协调员可见。"));
    }

    private static async Task<Results<Ok<LandingResponse>, NotFoundProblem, ForbiddenProblem, ValidationProblem, Rejection>> Answer(CommandResult<LandingView> result, Project project, IGrainFactory grains, IBlobStore blobs, Province province, CancellationToken cancellationToken)
    {
        if (!result.IsOk) return Http.Rejection(result);
        var current = await grains.GetGrain<IProjectGrain>(project.Id).Get() ?? project;
        return TypedResults.Ok(await Response(current, result.Value!, blobs, province, cancellationToken));
    }

    private static async Task<LandingResponse> Response(Project project, LandingView landing, IBlobStore blobs, Province province, CancellationToken cancellationToken)
    {
        var stages = new List<LandingStageResponse>();
        foreach (var stage in LandingStages.All)
        {
            var state = landing.Progress.Of(stage);
            var files = new List<AttachmentResponse>();
            foreach (var attachment in state?.Latest.Attachments ?? [])
                if (await blobs.GetAsync(attachment, cancellationToken) is { } found) files.Add(AttachmentResponse.Of(found));
            stages.Add(new LandingStageResponse(stage, stage.Label(), state?.Latest, state?.Latest.Status.Label(), state?.LastConfirmed?.Figures, files));
        }

        var clock = landing.Clock is { } c ? new LandingClockResponse(c.Stage, c.Stage.Label(), c.From, c.Due, landing.Progress.Overdue?.Stage == c.Stage) : null;
        return new LandingResponse(project.Id, project.Details.Title, landing.Status, landing.Version, landing.County,
            landing.County is null ? null : CountyName(province, landing.County), landing.Partners, landing.DecidedAt, stages,
            landing.County is null ? [] : landing.Progress.Reportable, [.. landing.Progress.Pending.Select(p => p.Number)], clock, landing.Progress.Overdue);
    }

    private static LandingStageRow StageRow(LandingStage stage, LandingReport? r)
    {
        var f = r?.Figures;
        return new LandingStageRow(stage, stage.Label(), r?.Number, r?.Status.Label() ?? "未报告", f?.Date, f?.ContractNumber, f?.Amount, f?.PermitNumber,
            f?.CumulativeFunds, f?.OutputValue, f?.Tax, f?.Jobs, r?.ReportedBy, r?.ReportedAt, r?.ReviewedBy, r?.ReviewedAt, r?.Reason);
    }

    private static string CountyName(Province province, string adcode) => province.FindCounty(adcode)?.Name ?? adcode;
}

/// <summary>A project's stages as a table.</summary>
internal static class LandingStageRows
{
    public static ListShape<LandingStageRow> Shape(string title) => new($"落地进度-{title}",
    [
        new("stage", "阶段", r => r.Stage, r => r.Label),
        new("status", "状态", r => r.StatusLabel),
        new("number", "报告编号", r => r.Number),
        new("date", "日期", r => r.Date),
        new("contractNumber", "合同编号", r => r.ContractNumber),
        new("amount", "签约金额（万元）", r => r.Amount),
        new("permitNumber", "施工许可证号", r => r.PermitNumber),
        new("cumulativeFunds", "累计到位资金（万元）", r => r.CumulativeFunds),
        new("outputValue", "年产值（万元）", r => r.OutputValue),
        new("tax", "年税收（万元）", r => r.Tax),
        new("jobs", "就业人数", r => r.Jobs),
        new("reportedBy", "报告人", r => r.ReportedBy),
        new("reportedAt", "报告时间", r => r.ReportedAt),
        new("reviewedBy", "确认人", r => r.ReviewedBy),
        new("reviewedAt", "确认时间", r => r.ReviewedAt),
        new("reason", "意见", r => r.Reason),
    ], "stage", false, r => [r.Label, r.StatusLabel, r.ContractNumber, r.PermitNumber]);
}

/// <summary>Overdue projects as a table.</summary>
internal static class OverdueRows
{
    public static readonly ListShape<OverdueRow> Shape = new("超期项目",
    [
        new("title", "项目名称", r => r.Title),
        new("status", "项目状态", r => r.Status, r => ProjectLifecycle.Label(r.Status)),
        new("county", "落地县", r => r.CountyName),
        new("stage", "超期阶段", r => r.Stage, r => r.StageLabel),
        new("due", "应报告时间", r => r.Due),
        new("flaggedAt", "预警时间", r => r.FlaggedAt),
        new("daysOverdue", "超期天数", r => r.DaysOverdue),
    ], "due", false, r => [r.Title, r.CountyName, r.StageLabel], r => r.Status);
}
