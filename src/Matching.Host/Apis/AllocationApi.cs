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

/// <summary>A choice to fix in a what-if: the project goes to this bidding county, or to nobody when county is null.</summary>
public sealed record AllocationLockInput(Guid? ProjectId, string? County);

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
public sealed record AllocationRequest(
    bool? IncludeOpen = null,
    int? CapPerDivision = null,
    int? WindowDays = null,
    double? FairnessWeight = null,
    int? TimeLimitSeconds = null,
    IReadOnlyList<AllocationLockInput>? Locks = null,
    IReadOnlyDictionary<string, decimal>? EnergyRaiseTce = null,
    IReadOnlyDictionary<string, decimal>? LandRaiseMu = null);

/// <summary>A county that may host a project in the plan, with its fit score.</summary>
public sealed record AllocationBidderView(string County, string CountyName, string ParkId, string ParkName, double Fit, double Fairness);

/// <summary>One project's suggestion, with names for display and the bidders a lock may choose from.</summary>
public sealed record AllocationSuggestionView(
    Guid ProjectId, string Title, long Version, string? County, string? CountyName, string? ParkId, string? ParkName,
    double Fit, double Fairness, bool Locked, IReadOnlyList<string> Reasons, IReadOnlyList<string> Binding,
    string? GreedyCounty, string? GreedyCountyName, bool DiffersFromGreedy, IReadOnlyList<AllocationBidderView> Bidders);

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
    int CapPerDivision, double FairnessWeight, int Changed, string? Problem, IReadOnlyList<AllocationSuggestionView> Suggestions);

/// <summary>A suggestion to turn into an award, on the project version it was computed on.</summary>
public sealed record ApplySuggestionInput(Guid? ProjectId, string? County, string? ParkId, long? Version);

/// <summary>Suggestions to turn into awards, with the reason every decision records.</summary>
public sealed record ApplyAllocationRequest(IReadOnlyList<ApplySuggestionInput>? Suggestions, string? Reason);

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
            .WithSummary("Coordinators: suggest a host and park for every contested project at once (CP-SAT within land, energy and differentiation caps, with a fairness term), each with why, the constraints that bound it and the greedy one-by-one choice. The body is the what-if: locks, quota raises, cap, weight.")
            .ProducesValidationProblem();
        group.MapPost("/apply", Apply).WithName("ApplyAllocation")
            .WithSummary("Coordinators: award the chosen suggestions, each through the decide command on the version it was computed on. Each stands alone: a stale or refused one is reported and the rest are still decided (200 when all were, 409 ProblemDetails with the outcomes otherwise).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
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
        var locks = input.Locks ?? [];
        for (var i = 0; i < locks.Count; i++)
            if (locks[i]?.ProjectId is null) errors[$"locks[{i}].projectId"] = ["必填：要锁定的项目编号。"];
        foreach (var (key, value) in (input.EnergyRaiseTce ?? new Dictionary<string, decimal>()).Where(e => Math.Abs(e.Value) > 10_000_000))
            errors[$"energyRaiseTce.{key}"] = [$"调整量 {value} 超出范围（绝对值不超过 10,000,000 吨标准煤）。"];
        foreach (var (key, value) in (input.LandRaiseMu ?? new Dictionary<string, decimal>()).Where(e => Math.Abs(e.Value) > 1_000_000))
            errors[$"landRaiseMu.{key}"] = [$"调整量 {value} 超出范围（绝对值不超过 1,000,000 亩）。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "统筹方案参数无效");

        var instance = await new AllocationInputs(search, grains, province, time).Read(
            input.IncludeOpen ?? false, input.CapPerDivision ?? 3, input.WindowDays ?? 365, input.FairnessWeight ?? 1, cancellationToken);
        var whatIf = new WhatIf([.. locks.Select(l => new AllocationLock(l.ProjectId!.Value, l.County))], input.EnergyRaiseTce, input.LandRaiseMu);
        if (whatIf.Check(instance) is { Count: > 0 } whatIfErrors) return TypedResults.ValidationProblem(whatIfErrors, title: "统筹方案参数无效");

        var limits = new AllocationLimits(TimeSpan.FromSeconds(input.TimeLimitSeconds ?? 10));
        var plan = await Task.Run(() => AllocationPlanner.Plan(instance, whatIf, limits), cancellationToken);
        return TypedResults.Ok(View(plan, whatIf.ApplyTo(instance), province));
    }

    private static async Task<IResult> Apply(ApplyAllocationRequest? input, IGrainFactory grains, HttpContext http)
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
        }

        if (suggestions.Where(s => s?.ProjectId is not null).GroupBy(s => s.ProjectId).Any(g => g.Count() > 1)) errors["suggestions"] = ["同一项目只能出现一次。"];
        if (string.IsNullOrWhiteSpace(input?.Reason)) errors["reason"] = ["必填：采纳统筹方案的理由。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "采纳参数无效");

        // One by one, each on its own version: a decision is a project grain's turn, and no transaction
        // spans projects, so a stale suggestion is refused alone and the others still stand.
        var actor = http.Actor();
        var outcomes = new List<AppliedSuggestion>(suggestions.Count);
        foreach (var s in suggestions)
        {
            var decision = new DecisionInput(DecisionKind.Award, s.County, s.ParkId, null, null, $"统筹方案：{input!.Reason!.Trim()}", s.Version);
            var result = await grains.GetGrain<IProjectGrain>(s.ProjectId!.Value).Decide(decision, actor.UserName);
            Telemetry.MatchingTelemetry.Decisions.Add(1, new("kind", "award"), new("outcome", result.IsOk ? "decided" : result.Status.ToString().ToLowerInvariant()));
            outcomes.Add(result.IsOk
                ? new AppliedSuggestion(s.ProjectId.Value, true, StatusCodes.Status200OK, null)
                : new AppliedSuggestion(s.ProjectId.Value, false, StatusOf(result.Status), result.Detail));
        }

        var response = new ApplyAllocationResponse(outcomes.Count(o => o.Decided), outcomes.Count(o => !o.Decided), outcomes);
        if (response.Refused == 0) return TypedResults.Ok(response);
        return TypedResults.Problem(
            $"{response.Decided} 项已作出决定，{response.Refused} 项被拒绝（项目版本已变化、指标不足或状态不允许），见 outcomes；被拒绝的项目请重新计算方案。",
            statusCode: StatusCodes.Status409Conflict, title: "部分建议未能采纳",
            extensions: new Dictionary<string, object?> { ["decided"] = response.Decided, ["refused"] = response.Refused, ["outcomes"] = outcomes });
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
        var suggestions = plan.Suggestions.Select(s => new AllocationSuggestionView(
            s.ProjectId, s.Title, s.Version, s.County, Name(s.County), s.ParkId, Park(s.ParkId), s.Fit, s.Fairness, s.Locked,
            s.Reasons, s.Binding, s.GreedyCounty, Name(s.GreedyCounty), s.DiffersFromGreedy,
            [.. projects[s.ProjectId].Bidders.Select(b => new AllocationBidderView(b.County, Name(b.County)!, b.ParkId, Park(b.ParkId)!, b.Fit,
                Math.Round(instance.FairnessWeight * instance.Counties[b.County].Fairness.Points, 2)))])).ToArray();
        return new AllocationPlanResponse(plan.Status, plan.Objective, plan.GreedyObjective, plan.TotalFit, plan.GreedyTotalFit,
            Math.Round(plan.Elapsed.TotalMilliseconds, 1), instance.CapPerDivision, instance.FairnessWeight,
            suggestions.Count(s => s.DiffersFromGreedy), plan.Problem, suggestions);
    }
}
