using Microsoft.AspNetCore.Http.HttpResults;
using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Domain.Agreements;
using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Domain.Validation;
using Matching.Grains.Agreements;
using Matching.Host.Auth;
using Matching.Host.Documents;
using Matching.Host.Lists;

namespace Matching.Host.Apis;

/// <summary>A party's share as responses show it.</summary>
public sealed record AgreementShareResponse(string County, string CountyName, decimal Percent, bool IsHost);

/// <summary>
/// A benefit-sharing agreement: <c>status</c> draft (drafted from the co-build decision, the parties complete
/// it), confirmed (by a coordinator) or superseded; <c>current</c> is false when a later decision superseded
/// the one it derives from.
/// </summary>
public sealed record AgreementResponse(
    Guid ProjectId, string ProjectTitle, AgreementKind Kind, string HostCounty, string HostCountyName, IReadOnlyList<AgreementShareResponse> Shares,
    string Template, int FirstYear, int LastYear, int Years, IReadOnlyList<SharedIndicator> Indicators, long DecisionVersion, string MadeBy, DateTimeOffset MadeAt, bool Current,
    AgreementStatus Status, string? ConfirmedBy, DateTimeOffset? ConfirmedAt);

/// <summary>One county's credit in a ledger.</summary>
public sealed record LedgerLineResponse(string County, string CountyName, decimal FixedAssetInvestment, decimal OutputValue, decimal RetainedTax);

/// <summary>One ledger of one year, with the realised amounts and their sources.</summary>
public sealed record LedgerResponse(LedgerKind Kind, int Year, IndicatorAmounts Realised, IReadOnlyList<RealisedAmount> Sources, IReadOnlyList<LedgerLineResponse> Lines);

/// <summary>
/// An agreement year: the official ledger always; the assessment-only ledger only for the parties and
/// coordinators (null otherwise, with <paramref name="AssessmentVisible"/> false); the settlement.
/// </summary>
public sealed record AgreementYearResponse(int Year, LedgerResponse Official, LedgerResponse? Assessment, bool AssessmentVisible, Settlement Settlement);

/// <summary>A row of the ledgers' spreadsheet: one county in one ledger of one year.</summary>
public sealed record LedgerRow(int Year, string Ledger, string County, string CountyName, decimal FixedAssetInvestment, decimal OutputValue, decimal RetainedTax, string Settlement);

/// <summary>
/// Benefit-sharing agreements (利益分享协议) of co-built and referred projects, their two ledgers per year
/// and the yearly settlement, and the agreement summary as PDF. The README's "Agreements and the two
/// ledgers" section states the rules.
/// </summary>
internal static class AgreementsApi
{
    public static RouteGroupBuilder MapAgreementsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects/{id:guid}/agreement").WithTags("Agreements");
        group.MapPost("", Create).WithName("CreateAgreement")
            .WithSummary("A coordinator records the agreement of the project's co-build or referral decision: template 5:5/7:3/8:2 (host first) or custom shares summing to 100, firstYear, years, indicators.");
        group.MapGet("", Get).WithName("GetAgreement").WithSummary("The project's agreement: parties, shares, term, shared indicators, status (draft, confirmed, superseded).");
        group.MapPut("", Complete).WithName("CompleteAgreement")
            .WithSummary("A party (its county account) or a coordinator completes the draft a co-build decision made: firstYear, years, indicators; a coordinator may also change template or shares. Others: 403; a confirmed or superseded agreement: 409.");
        group.MapPost("/confirm", Confirm).WithName("ConfirmAgreement")
            .WithSummary("A coordinator confirms the draft agreement as the parties completed it; from then its years' figures and settlements are kept.");
        group.MapGet("/superseded", Superseded).WithName("ListSupersededAgreements")
            .WithSummary("The project's agreements that a later decision (changing the parties or shares) superseded, oldest first.");
        group.MapPut("/figures/{year:int}", PutFigures).WithName("PutAgreementFigures")
            .WithSummary("A coordinator records a year's realised figures (万元, not below zero) with their source; answers the year's ledgers.");
        group.MapGet("/ledgers/{year:int}", Year).WithName("GetAgreementLedgers")
            .WithSummary("A year's official ledger (all in the host county) and, for the parties and coordinators only, the assessment-only ledger (shared indicators split by the shares).");
        group.MapGet("/ledgers", Years).WithName("ListAgreementLedgers")
            .WithSummary("Every year of the term, as in GetAgreementLedgers; format=xlsx for a spreadsheet (one row per county, ledger and year).");
        group.MapPut("/settlements/{year:int}", Settle).WithName("PutAgreementSettlement")
            .WithSummary("A party (its county account) or a coordinator sets a year's settlement: due, paid or disputed (a dispute needs a note). Others: 403.");
        group.MapGet("/summary.pdf", Summary).WithName("GetAgreementSummaryPdf")
            .WithSummary("The agreement summary as PDF (Chinese font embedded); the assessment ledgers only for the parties and coordinators. 503 when the server has no CJK font.");
        api.MapGet("/agreements", List).WithTags("Agreements").WithName("ListAgreements")
            .WithSummary("Every agreement (terms only, no ledgers). sort/order, q, skip/take (total in X-Total-Count), format=xlsx.");
        return api;
    }

    private static async Task<Results<Created<AgreementResponse>, NotFoundProblem, ForbiddenProblem, ConflictProblem, ValidationProblem>> Create(Guid id, AgreementInput input, IGrainFactory grains, AgreementBook book, Province province, TimeProvider time, HttpContext http)
    {
        var actor = http.Actor();
        if (!AccessRules.CanDecide(actor)) return Access.Forbidden("只有统筹协调员可以记录利益分享协议。");
        var (project, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        var decisions = await grains.GetGrain<IProjectGrain>(id).GetDecisions();
        if (Source(decisions) is not { } decision)
            return Conflict("项目没有有效的共建或转介决定，不能记录利益分享协议。");
        var existing = await book.GetAsync(id);
        // A draft of the decision is what the coordinator now records (and so confirms); a confirmed one stands.
        if (existing is { Status: AgreementStatus.Confirmed } && existing.DecisionVersion == decision.Terms.ExpectedVersion)
            return Conflict("该决定已有利益分享协议；决定修改后可重新记录。");

        Agreement agreement;
        try
        {
            agreement = input.Validate(decision, decision.Terms.ExpectedVersion, (id, project!.Details.Title), project.Details.FirstContactCounty, province, actor.UserName, time.GetUtcNow());
        }
        catch (DomainValidationException e)
        {
            return TypedResults.ValidationProblem(e.Errors.ToDictionary(), title: "输入校验失败");
        }

        agreement = agreement with { Status = AgreementStatus.Confirmed, ConfirmedBy = actor.UserName, ConfirmedAt = agreement.MadeAt };
        await book.PutAsync(agreement);
        return TypedResults.Created($"/api/projects/{id}/agreement", ToResponse(agreement, province, current: true));
    }

    private static async Task<Results<Ok<AgreementResponse>, NotFoundProblem, ForbiddenProblem, ConflictProblem, ValidationProblem>> Complete(Guid id, AgreementInput input, IGrainFactory grains, AgreementBook book, Province province, HttpContext http)
    {
        var actor = http.Actor();
        var (draft, denied) = await Find(id, grains, book, actor);
        if (denied is not null) return denied;
        if (!actor.IsCoordinator && !draft!.IsParty(actor.County))
            return Access.Forbidden("只有协议各方（县级账号）和统筹协调员可以填写利益分享协议。");
        var decisions = await grains.GetGrain<IProjectGrain>(id).GetDecisions();
        if (draft!.Status != AgreementStatus.Draft || Source(decisions) is not { } decision || decision.Terms.ExpectedVersion != draft.DecisionVersion)
            return Conflict(draft.Status == AgreementStatus.Confirmed ? "协议已确认，不能再修改；决定修改后将另起草协议。" : "协议已被后来的决定取代，不能再修改。");
        if (!AccessRules.CanDecide(actor))
        {
            // The shares are the decision's: a party completes the term and the indicators only.
            if (input.Template is not null || input.Partner is not null || input.Shares is not null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["shares"] = ["各方份额由统筹决定确定，县级账号只能填写起始年度、年限和分享指标。"] }, title: "输入校验失败");
            input = input with { Template = AgreementInput.Custom, Shares = [.. draft.Shares.Select(s => new AgreementShareInput(s.County, s.Percent))] };
        }

        Agreement completed;
        try
        {
            var project = await grains.GetGrain<IProjectGrain>(id).Get();
            completed = input.Validate(decision, draft.DecisionVersion, (id, draft.ProjectTitle), project?.Details.FirstContactCounty, province, draft.MadeBy, draft.MadeAt);
        }
        catch (DomainValidationException e)
        {
            return TypedResults.ValidationProblem(e.Errors.ToDictionary(), title: "输入校验失败");
        }

        completed = completed with { Status = AgreementStatus.Draft };
        await book.PutAsync(completed);
        return TypedResults.Ok(ToResponse(completed, province, current: true));
    }

    private static async Task<Results<Ok<AgreementResponse>, NotFoundProblem, ForbiddenProblem, ConflictProblem>> Confirm(Guid id, IGrainFactory grains, AgreementBook book, Province province, TimeProvider time, HttpContext http)
    {
        var actor = http.Actor();
        if (!AccessRules.CanDecide(actor)) return Access.Forbidden("只有统筹协调员可以确认利益分享协议。");
        var (draft, denied) = await Find(id, grains, book, actor);
        if (denied is not null) return denied;
        if (draft!.Status != AgreementStatus.Draft || !await IsCurrent(grains, draft))
            return Conflict(draft.Status == AgreementStatus.Confirmed ? "协议已确认。" : "协议已被后来的决定取代，不能确认。");
        var confirmed = draft with { Status = AgreementStatus.Confirmed, ConfirmedBy = actor.UserName, ConfirmedAt = time.GetUtcNow() };
        await book.PutAsync(confirmed);
        return TypedResults.Ok(ToResponse(confirmed, province, current: true));
    }

    private static async Task<Results<Ok<AgreementResponse[]>, NotFoundProblem>> Superseded(Guid id, IGrainFactory grains, AgreementBook book, Province province, HttpContext http)
    {
        var (_, denied) = await Access.Visible(grains, id, http.Actor());
        if (denied is not null) return denied;
        return TypedResults.Ok((await book.SupersededAsync(id, ListQuery.MaxTake)).Select(a => ToResponse(a, province, current: false)).ToArray());
    }

    private static async Task<Results<Ok<AgreementResponse>, NotFoundProblem>> Get(Guid id, IGrainFactory grains, AgreementBook book, Province province, HttpContext http)
    {
        var (agreement, denied) = await Find(id, grains, book, http.Actor());
        if (denied is not null) return denied;
        return TypedResults.Ok(ToResponse(agreement!, province, await IsCurrent(grains, agreement!)));
    }

    private static async Task<Results<Ok<AgreementYearResponse>, NotFoundProblem, ForbiddenProblem, ConflictProblem, ValidationProblem>> PutFigures(Guid id, int year, YearFiguresInput input, IGrainFactory grains, AgreementBook book, StageAmounts stages, Province province, HttpContext http)
    {
        var actor = http.Actor();
        if (!AccessRules.CanDecide(actor)) return Access.Forbidden("实现数须由统筹协调员核实后记录。");
        var (agreement, denied) = await Find(id, grains, book, actor);
        if (denied is not null) return denied;
        if (agreement!.Status == AgreementStatus.Draft) return NotConfirmed();
        var errors = new FieldErrors();
        if (!agreement!.Covers(year)) errors.Add("year", $"协议分享期为 {agreement.FirstYear}–{agreement.LastYear} 年，不含 {year} 年。");
        IReadOnlyList<RealisedAmount> amounts = [];
        try
        {
            amounts = input.Validate(year, actor.UserName);
        }
        catch (DomainValidationException e)
        {
            foreach (var (field, messages) in e.Errors.ToDictionary())
                foreach (var message in messages) errors.Add(field, message);
        }

        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "输入校验失败");
        await book.PutFiguresAsync(id, year, amounts);
        return TypedResults.Ok(await YearOf(agreement, year, book, stages, province, actor));
    }

    private static async Task<Results<Ok<AgreementYearResponse>, NotFoundProblem, ValidationProblem>> Year(Guid id, int year, IGrainFactory grains, AgreementBook book, StageAmounts stages, Province province, HttpContext http)
    {
        var actor = http.Actor();
        var (agreement, denied) = await Find(id, grains, book, actor);
        if (denied is not null) return denied;
        if (!agreement!.Covers(year)) return OutsideTerm(agreement, year);
        return TypedResults.Ok(await YearOf(agreement, year, book, stages, province, actor));
    }

    private static async Task<Results<Ok<IReadOnlyList<AgreementYearResponse>>, XlsxFile, NotFoundProblem>> Years(Guid id, string? format, IGrainFactory grains, AgreementBook book, StageAmounts stages, Province province, HttpContext http)
    {
        var actor = http.Actor();
        var (agreement, denied) = await Find(id, grains, book, actor);
        if (denied is not null) return denied;
        var years = await AllYears(agreement!, book, stages, province, actor);
        if (!string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase)) return TypedResults.Ok(years);
        var rows = years.SelectMany(y => new[] { y.Official, y.Assessment }.OfType<LedgerResponse>().SelectMany(l => l.Lines.Select(line =>
            new LedgerRow(y.Year, l.Kind == LedgerKind.Official ? "统计口径" : "考核口径", line.County, line.CountyName,
                line.FixedAssetInvestment, line.OutputValue, line.RetainedTax, AgreementSummary.Label(y.Settlement.Status)))));
        return XlsxExport.File(LedgerRows.Shape, rows);
    }

    private static async Task<Results<Ok<AgreementYearResponse>, NotFoundProblem, ForbiddenProblem, ConflictProblem, ValidationProblem>> Settle(Guid id, int year, SettlementInput input, IGrainFactory grains, AgreementBook book, StageAmounts stages, Province province, TimeProvider time, HttpContext http)
    {
        var actor = http.Actor();
        var (agreement, denied) = await Find(id, grains, book, actor);
        if (denied is not null) return denied;
        if (!actor.IsCoordinator && !agreement!.IsParty(actor.County))
            return Access.Forbidden("只有协议各方（县级账号）和统筹协调员可以设置结算状态。");
        if (agreement!.Status == AgreementStatus.Draft) return NotConfirmed();
        Settlement settlement;
        try
        {
            settlement = input.Validate(agreement!, year, actor.UserName, time.GetUtcNow());
        }
        catch (DomainValidationException e)
        {
            return TypedResults.ValidationProblem(e.Errors.ToDictionary(), title: "输入校验失败");
        }

        await book.PutSettlementAsync(id, settlement);
        return TypedResults.Ok(await YearOf(agreement!, year, book, stages, province, actor));
    }

    private static async Task<Results<PdfFile, NotFoundProblem, UnavailableProblem>> Summary(Guid id, IGrainFactory grains, AgreementBook book, StageAmounts stages, Province province, IConfiguration configuration, HttpContext http)
    {
        var actor = http.Actor();
        var (agreement, denied) = await Find(id, grains, book, actor);
        if (denied is not null) return denied;
        if (DocumentsApi.Font(configuration, out var missing) is not { } font) return missing!;
        var years = new List<AgreementYear>();
        var staged = await stages.OfAsync(id);
        for (var year = agreement!.FirstYear; year <= agreement.LastYear; year++)
        {
            var amounts = RealisedAmounts.ForYear(staged, await book.FiguresAsync(id, year), year);
            years.Add(new AgreementYear(AgreementLedgers.Official(agreement, year, amounts),
                MaySeeAssessment(actor, agreement) ? AgreementLedgers.Assessment(agreement, year, amounts) : null, await book.SettlementAsync(id, year)));
        }

        return new PdfFile(TypedResults.File(AgreementSummary.Write(agreement, years, province, font), PdfFile.MediaType, $"agreement-{id:N}.pdf"));
    }

    private static async Task<Results<ListPage<AgreementResponse>, ValidationProblem>> List([AsParameters] ListQuery list, AgreementBook book, Province province, IGrainFactory grains, HttpContext http)
    {
        if (ListResults.Validate(list, AgreementRows.Shape) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, title: "列表参数无效");
        var (agreements, _) = await book.PageAsync(0, ListQuery.MaxTake);
        var actor = http.Actor();
        var visible = new List<AgreementResponse>();
        foreach (var agreement in agreements)
        {
            var (_, denied) = await Access.Visible(grains, agreement.ProjectId, actor);
            if (denied is null) visible.Add(ToResponse(agreement, province, await IsCurrent(grains, agreement)));
        }

        return ListResults.Respond(http, list, AgreementRows.Shape, visible);
    }

    /// <summary>Who sees the assessment-only ledger: the parties' county accounts and coordinators; it is never published.</summary>
    public static bool MaySeeAssessment(Actor actor, Agreement agreement) => actor.IsCoordinator || agreement.IsParty(actor.County);

    /// <summary>
    /// The decision an agreement derives from: the last one if it is a co-build or referral; a referral
    /// stays the source when the county it referred to was then awarded the project.
    /// </summary>
    internal static Decision? Source(IReadOnlyList<Decision> decisions)
    {
        if (decisions.Count == 0) return null;
        var last = decisions[^1];
        if (last.Terms.Kind is DecisionKind.CoBuild or DecisionKind.Refer) return last;
        if (last.Terms.Kind != DecisionKind.Award) return null;
        var referral = decisions.LastOrDefault(d => d.Terms.Kind is DecisionKind.Refer or DecisionKind.Reopen or DecisionKind.Reject or DecisionKind.CoBuild);
        return referral is { Terms.Kind: DecisionKind.Refer } && referral.Terms.County == last.Terms.County ? referral : null;
    }

    private static async Task<bool> IsCurrent(IGrainFactory grains, Agreement agreement) =>
        agreement.Status != AgreementStatus.Superseded
        && Source(await grains.GetGrain<IProjectGrain>(agreement.ProjectId).GetDecisions()) is { } source && source.Terms.ExpectedVersion == agreement.DecisionVersion;

    private static async Task<(Agreement? Agreement, NotFoundProblem? Denied)> Find(Guid id, IGrainFactory grains, AgreementBook book, Actor actor)
    {
        var (project, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return (null, denied);
        var agreement = await InLine(id, project!.Details.Title, grains, book);
        return agreement is not null ? (agreement, null) : (null, NotFoundProblem.Of($"项目 {id} 没有利益分享协议。"));
    }

    /// <summary>
    /// The project's agreement, brought in line with the decision in force should the project grain not
    /// have done so (it follows each decision once recorded; a failure there is repaired here).
    /// </summary>
    private static async Task<Agreement?> InLine(Guid id, string title, IGrainFactory grains, AgreementBook book)
    {
        var standing = await book.GetAsync(id);
        var grain = grains.GetGrain<IProjectGrain>(id);
        if (await grain.GetLastDecision() is not { } last) return standing;
        var behind = standing is null ? last.Terms.Kind == DecisionKind.CoBuild
            : standing.Status != AgreementStatus.Superseded && standing.DecisionVersion < last.Terms.ExpectedVersion;
        if (!behind) return standing;
        var previous = (await grain.GetDecisions()).LastOrDefault(d => d.Terms.ExpectedVersion < last.Terms.ExpectedVersion);
        return await book.FollowAsync(last, previous, (id, title));
    }

    private static async Task<IReadOnlyList<AgreementYearResponse>> AllYears(Agreement agreement, AgreementBook book, StageAmounts stages, Province province, Actor actor)
    {
        var years = new List<AgreementYearResponse>();
        var staged = await stages.OfAsync(agreement.ProjectId);
        for (var year = agreement.FirstYear; year <= agreement.LastYear; year++) years.Add(await YearOf(agreement, year, book, stages, province, actor, staged));
        return years;
    }

    private static async Task<AgreementYearResponse> YearOf(Agreement agreement, int year, AgreementBook book, StageAmounts stages, Province province, Actor actor,
        IReadOnlyList<RealisedAmount>? staged = null)
    {
        staged ??= await stages.OfAsync(agreement.ProjectId);
        var amounts = RealisedAmounts.ForYear(staged, await book.FiguresAsync(agreement.ProjectId, year), year);
        var visible = MaySeeAssessment(actor, agreement);
        return new AgreementYearResponse(year, View(AgreementLedgers.Official(agreement, year, amounts), province),
            visible ? View(AgreementLedgers.Assessment(agreement, year, amounts), province) : null, visible,
            await book.SettlementAsync(agreement.ProjectId, year));
    }

    private static LedgerResponse View(Ledger ledger, Province province) => new(ledger.Kind, ledger.Year, ledger.Realised, ledger.Sources,
        [.. ledger.Lines.Select(l => new LedgerLineResponse(l.County, province.FindCounty(l.County)?.Name ?? l.County, l.Amounts.FixedAssetInvestment, l.Amounts.OutputValue, l.Amounts.RetainedTax))]);

    private static AgreementResponse ToResponse(Agreement a, Province province, bool current) => new(
        a.ProjectId, a.ProjectTitle, a.Kind, a.HostCounty, province.FindCounty(a.HostCounty)?.Name ?? a.HostCounty,
        [.. a.Shares.Select(s => new AgreementShareResponse(s.County, province.FindCounty(s.County)?.Name ?? s.County, s.Percent, s.County == a.HostCounty))],
        a.Template, a.FirstYear, a.LastYear, a.Years, a.Indicators, a.DecisionVersion, a.MadeBy, a.MadeAt, current && a.Status != AgreementStatus.Superseded,
        a.Status, a.ConfirmedBy, a.ConfirmedAt);

    private static ConflictProblem NotConfirmed() => Conflict("协议尚待各方填写、协调员确认；确认后才能记录实现数和结算状态。");

    private static ConflictProblem Conflict(string detail) => ConflictProblem.Of(detail);

    private static ValidationProblem OutsideTerm(Agreement agreement, int year) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["year"] = [$"协议分享期为 {agreement.FirstYear}–{agreement.LastYear} 年，不含 {year} 年。"] }, title: "输入校验失败");
}

/// <summary>Agreements as a table.</summary>
internal static class AgreementRows
{
    public static readonly ListShape<AgreementResponse> Shape = new("利益分享协议",
    [
        new("title", "项目名称", r => r.ProjectTitle),
        new("kind", "来源", r => r.Kind, r => r.Kind == AgreementKind.CoBuild ? "共建" : "转介"),
        new("host", "项目所在县", r => r.HostCountyName),
        new("shares", "各方份额", r => string.Join("；", r.Shares.Select(s => $"{s.CountyName} {s.Percent}%"))),
        new("template", "分成模板", r => r.Template),
        new("status", "状态", r => r.Status, r => r.Status switch { AgreementStatus.Draft => "待确认", AgreementStatus.Confirmed => "已确认", _ => "已取代" }),
        new("firstYear", "起始年度", r => r.FirstYear),
        new("years", "年限", r => r.Years),
        new("indicators", "分享指标", r => string.Join("、", r.Indicators.Select(SharedIndicators.Label))),
        new("madeAt", "记录时间", r => r.MadeAt),
    ], "madeAt", true, r => [r.ProjectTitle, r.HostCountyName, .. r.Shares.Select(s => s.CountyName)]);
}

/// <summary>The ledgers as a table.</summary>
internal static class LedgerRows
{
    public static readonly ListShape<LedgerRow> Shape = new("分享台账",
    [
        new("year", "年度", r => r.Year),
        new("ledger", "口径", r => r.Ledger),
        new("county", "县（市、区）", r => r.CountyName),
        new("fixedAssetInvestment", "固定资产投资（万元）", r => r.FixedAssetInvestment),
        new("outputValue", "产值（万元）", r => r.OutputValue),
        new("retainedTax", "地方留成税收（万元）", r => r.RetainedTax),
        new("settlement", "结算状态", r => r.Settlement),
    ], "year", false, r => [r.CountyName, r.Ledger]);
}
