using Matching.Allocation;
using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Host.Allocation;
using Matching.Host.Auth;
using Matching.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A choice to fix in a what-if: the project goes to this bidding county (alone, or leading a co-build with <paramref name="Partner"/>, its strong–weak pairing partner), or to nobody when county is null.</summary>
public sealed record AllocationLockInput(Guid? ProjectId, string? County, string? Partner = null);

/// <summary>
/// What to plan: which projects, the differentiation cap and its window, the fairness weight, the time
/// limit, and the what-if (locks, energy and land raised or lowered). Every field is optional.
/// </summary>
/// <param name="IncludeOpen">Also plan open projects that have a live bid (default: contested only).</param>
/// <param name="CapPerDivision">No county hosts more than this many projects of one GB/T division in the window (default 3).</param>
/// <param name="WindowDays">The cap's window, days back from now (default 365).</param>
/// <param name="FairnessWeight">Weight of the fairness points (default 1; 0 maximises fit alone).</param>
/// <param name="TimeLimitSeconds">Solver time limit, 1–60 seconds (default 10).</param>
/// <param name="Locks">Choices to fix.</param>
/// <param name="EnergyRaiseTce">Energy added to a bidding county's available quota (negative lowers it), by adcode.</param>
/// <param name="LandRaiseMu">Land added to a park's available land, by park id.</param>
/// <param name="PartnerPercent">The weak partner's share in a co-build pair, 0–50 % (default 30; 0 suggests no pairs).</param>
public sealed record AllocationRequest(
    bool? IncludeOpen = null,
    int? CapPerDivision = null,
    int? WindowDays = null,
    double? FairnessWeight = null,
    int? TimeLimitSeconds = null,
    IReadOnlyList<AllocationLockInput>? Locks = null,
    IReadOnlyDictionary<string, decimal>? EnergyRaiseTce = null,
    IReadOnlyDictionary<string, decimal>? LandRaiseMu = null,
    decimal? PartnerPercent = null);

/// <summary>A way to host a project in the plan: a bidding county alone, or (with a partner) leading a co-build with its weak pairing partner; with its fit and weighted fairness.</summary>
public sealed record AllocationBidderView(string County, string CountyName, string ParkId, string ParkName, double Fit, double Fairness)
{
    /// <summary>The weak pairing partner of a co-build pair; null for the county alone.</summary>
    public string? Partner { get; init; }

    /// <summary>The partner's name.</summary>
    public string? PartnerName { get; init; }

    /// <summary>The partner's share, percent.</summary>
    public decimal PartnerPercent { get; init; }
}

/// <summary>One project's suggestion, with names for display and the bidders a lock may choose from.</summary>
public sealed record AllocationSuggestionView(
    Guid ProjectId, string Title, long Version, string? County, string? CountyName, string? ParkId, string? ParkName,
    double Fit, double Fairness, bool Locked, IReadOnlyList<string> Reasons, IReadOnlyList<string> Binding,
    string? GreedyCounty, string? GreedyCountyName, bool DiffersFromGreedy, IReadOnlyList<AllocationBidderView> Bidders)
{
    /// <summary>The weak pairing partner when the suggestion is a co-build pair led by the county; null for an award.</summary>
    public string? Partner { get; init; }

    /// <summary>The partner's name.</summary>
    public string? PartnerName { get; init; }

    /// <summary>The partner's share, percent (0 without a partner).</summary>
    public decimal PartnerPercent { get; init; }

    /// <summary>True when the partner has no live bid on the project (applying the pair assigns it by the pairing, and says so).</summary>
    public bool PartnerDidNotBid { get; init; }

    /// <summary>Every way to host the project the plan weighed (the bidders alone, then co-build pairs).</summary>
    public IReadOnlyList<AllocationBidderView> Options { get; init; } = [];
}

/// <summary>A suggested allocation over the open contests.</summary>
/// <param name="Status">optimal, feasible (time limit reached), greedy (the solver found nothing better in time), infeasible (locks cannot hold).</param>
/// <param name="Objective">Total points: fit plus weighted fairness.</param>
/// <param name="GreedyObjective">Total points of the one-by-one choice.</param>
/// <param name="TotalFit">Fit alone over placed projects.</param>
/// <param name="GreedyTotalFit">The greedy choice's fit alone.</param>
/// <param name="ElapsedMs">Solver wall time.</param>
/// <param name="CapPerDivision">The cap in force.</param>
/// <param name="FairnessWeight">The fairness weight in force.</param>
/// <param name="Changed">Projects whose suggestion differs from the one-by-one choice.</param>
/// <param name="Problem">Why there is no plan, when infeasible.</param>
/// <param name="Suggestions">One per project, in deadline order.</param>
public sealed record AllocationPlanResponse(
    PlanStatus Status, double Objective, double GreedyObjective, double TotalFit, double GreedyTotalFit, double ElapsedMs,
    int CapPerDivision, double FairnessWeight, int Changed, string? Problem, IReadOnlyList<AllocationSuggestionView> Suggestions)
{
    /// <summary>The solver's proved upper bound on the objective (equal to it when optimal): how far a plan stopped by the limit may be from the best.</summary>
    public double? Bound { get; init; }

    /// <summary>The partner share of co-build pairs in force, percent (0: none offered).</summary>
    public decimal PartnerPercent { get; init; }

    /// <summary>Suggestions that are co-build pairs.</summary>
    public int CoBuilds { get; init; }
}

/// <summary>A suggestion to turn into an award (or, with a partner, a co-build), on the project version it was computed on.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="County">The host (lead) county.</param>
/// <param name="ParkId">The host's park.</param>
/// <param name="Version">The project version the plan was computed on.</param>
/// <param name="Partner">The weak pairing partner of a co-build pair; null for an award.</param>
/// <param name="PartnerPercent">The partner's share, 1–50 %, with a partner.</param>
public sealed record ApplySuggestionInput(Guid? ProjectId, string? County, string? ParkId, long? Version, string? Partner = null, decimal? PartnerPercent = null);

/// <summary>Suggestions to turn into decisions, with the reason every decision records and, for co-build pairs, their years.</summary>
public sealed record ApplyAllocationRequest(IReadOnlyList<ApplySuggestionInput>? Suggestions, string? Reason, int? CoBuildYears = null);

/// <summary>What became of one suggestion: decided, or refused with the status and reason the decide command gave (409 when stale or the quota is gone).</summary>
public sealed record AppliedSuggestion(Guid ProjectId, bool Decided, int Status, string? Detail);

/// <summary>Every suggestion's outcome.</summary>
public sealed record ApplyAllocationResponse(int Decided, int Refused, IReadOnlyList<AppliedSuggestion> Outcomes);

internal static class AllocationApi
{
    /// <summary>Most suggestions applied in one request.</summary>
    private const int MaxApply = 500;

    public static RouteGroupBuilder MapAllocationApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/allocation").WithTags("Allocation")
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.AsActor() is { } actor && AccessRules.CanDecide(actor)));
        group.MapPost("/plan", Plan).WithName("PlanAllocation")
            .WithSummary("Coordinators: suggest a host and park for every contested project at once (CP-SAT within land, energy and differentiation caps, with a fairness term), each with why, the constraints that bound it and the greedy one-by-one choice. The body is the what-if: locks, quota raises, cap, weight, the partner share of co-build pairs (a strong bidder leading with its weak pairing partner).");
        group.MapPost("/apply", Apply).WithName("ApplyAllocation")
            .WithSummary("Coordinators: award the chosen suggestions (a co-build pair becomes a co-build decision, with coBuildYears), each through the decide command on the version it was computed on. Each stands alone: a stale or refused one is reported and the rest are still decided (200 when all were, 409 ProblemDetails with the outcomes otherwise).");
        return group;
    }

    private static async Task<Results<Ok<AllocationPlanResponse>, ValidationProblem>> Plan(
        AllocationRequest? input, ISearchEngine search, IGrainFactory grains, Province province, TimeProvider time, CancellationToken cancellationToken)
    {
        input ??= new AllocationRequest();
        var errors = new Dictionary<string, string[]>();
        if (input.CapPerDivision is < 1 or > 1000) errors["capPerDivision"] = ["错位发展上限须在 1 到 1000 之间。"];
        if (input.WindowDays is < 1 or > 3650) errors["windowDays"] = ["统计期须在 1 到 3650 天之间。"];
        if (input.FairnessWeight is { } w && (double.IsNaN(w) || w < 0 || w > 10)) errors["fairnessWeight"] = ["均衡权重须在 0 到 10 之间。"];
        if (input.TimeLimitSeconds is < 1 or > 60) errors["timeLimitSeconds"] = ["求解时限须在 1 到 60 秒之间。"];
        if (input.PartnerPercent is < 0 or > 50) errors["partnerPercent"] = ["结对共建中弱县的份额须在 0 到 50 之间（0 表示不建议结对共建）。"];
        var locks = input.Locks ?? [];
        for (var i = 0; i < locks.Count; i++)
            if (locks[i]?.ProjectId is null) errors[$"locks[{i}].projectId"] = ["必填：要锁定的项目编号。"];
        foreach (var (key, value) in (input.EnergyRaiseTce ?? new Dictionary<string, decimal>()).Where(e => Math.Abs(e.Value) > 10_000_000))
            errors[$"energyRaiseTce.{key}"] = [$"调整量 {value} 超出范围（绝对值不超过 10,000,000 吨标准煤）。"];
        foreach (var (key, value) in (input.LandRaiseMu ?? new Dictionary<string, decimal>()).Where(e => Math.Abs(e.Value) > 1_000_000))
            errors[$"landRaiseMu.{key}"] = [$"调整量 {value} 超出范围（绝对值不超过 1,000,000 亩）。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "统筹方案参数无效");

        var instance = await new AllocationInputs(search, grains, province, time).Read(
            input.IncludeOpen ?? false, input.CapPerDivision ?? 3, input.WindowDays ?? 365, input.FairnessWeight ?? 1,
            input.PartnerPercent ?? AllocationInstance.DefaultPartnerPercent, cancellationToken);
        var whatIf = new WhatIf([.. locks.Select(l => new AllocationLock(l.ProjectId!.Value, l.County, l.Partner))], input.EnergyRaiseTce, input.LandRaiseMu);
        if (whatIf.Check(instance) is { Count: > 0 } whatIfErrors) return TypedResults.ValidationProblem(whatIfErrors, title: "统筹方案参数无效");

        var limits = new AllocationLimits(TimeSpan.FromSeconds(input.TimeLimitSeconds ?? 10));
        var plan = await Task.Run(() => AllocationPlanner.Plan(instance, whatIf, limits), cancellationToken);
        return TypedResults.Ok(View(plan, whatIf.ApplyTo(instance), province));
    }

    private static async Task<Results<Ok<ApplyAllocationResponse>, ValidationProblem, ConflictProblem>> Apply(ApplyAllocationRequest? input, IGrainFactory grains, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        var suggestions = input?.Suggestions ?? [];
        if (suggestions.Count == 0) errors["suggestions"] = ["至少选择一项建议。"];
        if (suggestions.Count > MaxApply) errors["suggestions"] = [$"一次最多采纳 {MaxApply} 项建议。"];
        for (var i = 0; i < suggestions.Count; i++)
        {
            var s = suggestions[i];
            if (s?.ProjectId is null) errors[$"suggestions[{i}].projectId"] = ["必填：项目编号。"];
            if (string.IsNullOrWhiteSpace(s?.County)) errors[$"suggestions[{i}].county"] = ["必填：承接县代码。"];
            if (string.IsNullOrWhiteSpace(s?.ParkId)) errors[$"suggestions[{i}].parkId"] = ["必填：园区编号。"];
            if (s?.Version is null or < 1) errors[$"suggestions[{i}].version"] = ["必填：方案计算时的项目版本号。"];
            if (s?.Partner is not null && s.PartnerPercent is not (>= 1 and <= 50)) errors[$"suggestions[{i}].partnerPercent"] = ["结对共建须注明弱县份额（1 到 50）。"];
            if (s?.Partner is not null && s.Partner == s.County) errors[$"suggestions[{i}].partner"] = ["合作县不能是牵头县本身。"];
        }

        if (suggestions.Any(s => s?.Partner is not null) && input?.CoBuildYears is not (>= 1 and <= 50))
            errors["coBuildYears"] = ["采纳结对共建建议须注明共建年限（1 到 50 年）。"];

        if (suggestions.Where(s => s?.ProjectId is not null).GroupBy(s => s.ProjectId).Any(g => g.Count() > 1)) errors["suggestions"] = ["同一项目只能出现一次。"];
        if (string.IsNullOrWhiteSpace(input?.Reason)) errors["reason"] = ["必填：采纳统筹方案的理由。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "采纳参数无效");

        // One by one, each on its own version: a decision is a project grain's turn, and no transaction
        // spans projects, so a stale suggestion is refused alone and the others still stand.
        var actor = http.Actor();
        var outcomes = new List<AppliedSuggestion>(suggestions.Count);
        foreach (var s in suggestions)
        {
            var project = grains.GetGrain<IProjectGrain>(s.ProjectId!.Value);
            var decision = s.Partner is null
                ? new DecisionInput(DecisionKind.Award, s.County, s.ParkId, null, null, $"统筹方案：{input!.Reason!.Trim()}", s.Version)
                : await CoBuildPair(project, s, input!);
            var result = await project.Decide(decision, actor.UserName);
            Telemetry.MatchingTelemetry.Decisions.Add(1, new("kind", s.Partner is null ? "award" : "cobuild"), new("outcome", result.IsOk ? "decided" : result.Status.ToString().ToLowerInvariant()));
            outcomes.Add(result.IsOk
                ? new AppliedSuggestion(s.ProjectId.Value, true, StatusCodes.Status200OK, null)
                : new AppliedSuggestion(s.ProjectId.Value, false, StatusOf(result.Status), result.Detail));
        }

        var response = new ApplyAllocationResponse(outcomes.Count(o => o.Decided), outcomes.Count(o => !o.Decided), outcomes);
        if (response.Refused == 0) return TypedResults.Ok(response);
        return new ConflictProblem(TypedResults.Problem(
            $"{response.Decided} 项已作出决定，{response.Refused} 项被拒绝（项目版本已变化、指标不足或状态不允许），见 outcomes；被拒绝的项目请重新计算方案。",
            statusCode: StatusCodes.Status409Conflict, title: "部分建议未能采纳",
            extensions: new Dictionary<string, object?> { ["decided"] = response.Decided, ["refused"] = response.Refused, ["outcomes"] = outcomes }));
    }

    /// <summary>
    /// A co-build pair as the decide command takes it: the lead at its park, the partner at its share. A
    /// partner without a live bid is assigned by the pairing, stated in the decision (as a coordinator
    /// naming a non-bidder must), and only then: the lead must still bid.
    /// </summary>
    private static async Task<DecisionInput> CoBuildPair(IProjectGrain project, ApplySuggestionInput s, ApplyAllocationRequest input)
    {
        var bidders = (await project.GetBids()).Select(b => b.Bid.County).ToHashSet();
        var partnerBid = bidders.Contains(s.Partner!);
        var percent = s.PartnerPercent!.Value;
        var reason = $"统筹方案（强弱县结对共建{(partnerBid ? "" : "，合作县未表达意向，按结对安排")}）：{input.Reason!.Trim()}";
        return new DecisionInput(DecisionKind.CoBuild, s.County, s.ParkId,
            [new DecisionShareInput(s.County, 100 - percent), new DecisionShareInput(s.Partner, percent)], input.CoBuildYears, reason, s.Version)
        {
            AssignsNonBidder = !partnerBid && bidders.Contains(s.County!) ? true : null,
        };
    }

    private static int StatusOf(CommandStatus status) => status switch
    {
        CommandStatus.Invalid => StatusCodes.Status400BadRequest,
        CommandStatus.NotFound => StatusCodes.Status404NotFound,
        CommandStatus.VersionMismatch => StatusCodes.Status412PreconditionFailed,
        CommandStatus.Rejected or CommandStatus.KeyReused => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status409Conflict,
    };

    private static AllocationPlanResponse View(AllocationPlan plan, AllocationInstance instance, Province province)
    {
        string? Name(string? county) => county is null ? null : instance.Counties.TryGetValue(county, out var c) ? c.Name : province.Label(county);
        string? Park(string? park) => park is null ? null : instance.Parks.TryGetValue(park, out var p) ? p.Name : park;
        var projects = instance.Projects.ToDictionary(p => p.Id);
        AllocationBidderView Option(AllocationBidder b) => new(b.County, Name(b.County)!, b.ParkId, Park(b.ParkId)!, b.Fit,
            Math.Round(instance.FairnessWeight * instance.FairnessOf(b), 2))
        { Partner = b.Partner, PartnerName = Name(b.Partner), PartnerPercent = b.PartnerPercent };
        var suggestions = plan.Suggestions.Select(s => new AllocationSuggestionView(
            s.ProjectId, s.Title, s.Version, s.County, Name(s.County), s.ParkId, Park(s.ParkId), s.Fit, s.Fairness, s.Locked,
            s.Reasons, s.Binding, s.GreedyCounty, Name(s.GreedyCounty), s.DiffersFromGreedy,
            [.. projects[s.ProjectId].Bidders.Select(Option)])
        {
            Partner = s.Partner, PartnerName = Name(s.Partner), PartnerPercent = s.PartnerPercent,
            PartnerDidNotBid = s.Partner is not null && projects[s.ProjectId].Bidders.All(b => b.County != s.Partner),
            Options = [.. instance.Options(projects[s.ProjectId]).Select(Option)],
        }).ToArray();
        return new AllocationPlanResponse(plan.Status, plan.Objective, plan.GreedyObjective, plan.TotalFit, plan.GreedyTotalFit,
            Math.Round(plan.Elapsed.TotalMilliseconds, 1), instance.CapPerDivision, instance.FairnessWeight,
            suggestions.Count(s => s.DiffersFromGreedy), plan.Problem, suggestions)
        { Bound = plan.Bound, PartnerPercent = instance.PartnerPercent, CoBuilds = suggestions.Count(s => s.Partner is not null) };
    }
}
