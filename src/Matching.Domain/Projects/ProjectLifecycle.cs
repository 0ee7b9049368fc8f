namespace Matching.Domain.Projects;

/// <summary>
/// The one place that says which transitions a project may take. Everything that changes a project's
/// status goes through <c>Next</c>; nothing else assigns a status.
/// </summary>
public static class ProjectLifecycle
{
    private static readonly Dictionary<(ProjectStatus From, ProjectTrigger Trigger), ProjectStatus> Transitions = new()
    {
        [(ProjectStatus.Draft, ProjectTrigger.Publish)] = ProjectStatus.Open,
        [(ProjectStatus.Draft, ProjectTrigger.Withdraw)] = ProjectStatus.Withdrawn,

        [(ProjectStatus.Open, ProjectTrigger.Contest)] = ProjectStatus.Contested,
        [(ProjectStatus.Open, ProjectTrigger.Award)] = ProjectStatus.Awarded,
        [(ProjectStatus.Open, ProjectTrigger.CoBuild)] = ProjectStatus.CoBuilt,
        [(ProjectStatus.Open, ProjectTrigger.Refer)] = ProjectStatus.Referred,
        [(ProjectStatus.Open, ProjectTrigger.Withdraw)] = ProjectStatus.Withdrawn,
        [(ProjectStatus.Open, ProjectTrigger.Expire)] = ProjectStatus.Expired,

        [(ProjectStatus.Contested, ProjectTrigger.Uncontest)] = ProjectStatus.Open,
        [(ProjectStatus.Contested, ProjectTrigger.Reopen)] = ProjectStatus.Open,
        [(ProjectStatus.Contested, ProjectTrigger.Award)] = ProjectStatus.Awarded,
        [(ProjectStatus.Contested, ProjectTrigger.CoBuild)] = ProjectStatus.CoBuilt,
        [(ProjectStatus.Contested, ProjectTrigger.Refer)] = ProjectStatus.Referred,
        [(ProjectStatus.Contested, ProjectTrigger.Withdraw)] = ProjectStatus.Withdrawn,
        [(ProjectStatus.Contested, ProjectTrigger.Expire)] = ProjectStatus.Expired,

        // A referral hands the project to its target county, where it is open again.
        [(ProjectStatus.Referred, ProjectTrigger.Reopen)] = ProjectStatus.Open,
        [(ProjectStatus.Referred, ProjectTrigger.Withdraw)] = ProjectStatus.Withdrawn,

        [(ProjectStatus.Awarded, ProjectTrigger.Land)] = ProjectStatus.Landed,
        [(ProjectStatus.Awarded, ProjectTrigger.Reopen)] = ProjectStatus.Open,
        [(ProjectStatus.Awarded, ProjectTrigger.Withdraw)] = ProjectStatus.Withdrawn,

        [(ProjectStatus.CoBuilt, ProjectTrigger.Land)] = ProjectStatus.Landed,
        [(ProjectStatus.CoBuilt, ProjectTrigger.Reopen)] = ProjectStatus.Open,
        [(ProjectStatus.CoBuilt, ProjectTrigger.Withdraw)] = ProjectStatus.Withdrawn,

        // Back to Open; a project withdrawn before it was ever published goes back to Draft (see Next's overload).
        [(ProjectStatus.Withdrawn, ProjectTrigger.Restore)] = ProjectStatus.Open,
    };

    /// <summary>The status a trigger leads to, or null when the lifecycle forbids it.</summary>
    public static ProjectStatus? Next(ProjectStatus from, ProjectTrigger trigger) =>
        Transitions.TryGetValue((from, trigger), out var to) ? to : null;

    /// <summary>
    /// The status a trigger leads a project to, given whether it was ever published: restoring a project
    /// withdrawn as a draft makes it a draft again, as nobody outside its officer ever saw it.
    /// </summary>
    public static ProjectStatus? Next(ProjectStatus from, ProjectTrigger trigger, bool published) =>
        trigger == ProjectTrigger.Restore && !published && Next(from, trigger) is not null ? ProjectStatus.Draft : Next(from, trigger);

    /// <summary>The triggers allowed from a status.</summary>
    public static IReadOnlyList<ProjectTrigger> AllowedFrom(ProjectStatus from) =>
        Transitions.Keys.Where(k => k.From == from).Select(k => k.Trigger).ToArray();

    /// <summary>True when the project's details may still be edited.</summary>
    public static bool IsEditable(ProjectStatus status) => status is ProjectStatus.Draft or ProjectStatus.Open;

    /// <summary>Still being attracted: not yet placed with a county, nor ended (what a second posting of it would duplicate).</summary>
    public static bool IsLive(ProjectStatus status) => status is ProjectStatus.Draft or ProjectStatus.Open or ProjectStatus.Contested;

    /// <summary>True when no trigger leads anywhere from the status.</summary>
    public static bool IsTerminal(ProjectStatus status) => AllowedFrom(status).Count == 0;

    /// <summary>Chinese label, for messages shown to officials.</summary>
    public static string Label(ProjectStatus status) => status switch
    {
        ProjectStatus.Draft => "草稿",
        ProjectStatus.Open => "公开征集",
        ProjectStatus.Contested => "多方竞争",
        ProjectStatus.Awarded => "已统筹落地县",
        ProjectStatus.CoBuilt => "共建",
        ProjectStatus.Referred => "已转介",
        ProjectStatus.Landed => "已落地",
        ProjectStatus.Withdrawn => "已撤回",
        ProjectStatus.Expired => "已过期",
        _ => status.ToString(),
    };

    /// <summary>Chinese label of a trigger.</summary>
    public static string Label(ProjectTrigger trigger) => trigger switch
    {
        ProjectTrigger.Publish => "发布",
        ProjectTrigger.Contest => "进入竞争",
        ProjectTrigger.Uncontest => "退出竞争",
        ProjectTrigger.Award => "统筹决定落地",
        ProjectTrigger.CoBuild => "决定共建",
        ProjectTrigger.Refer => "转介",
        ProjectTrigger.Reopen => "重新开放",
        ProjectTrigger.Land => "落地",
        ProjectTrigger.Withdraw => "撤回",
        ProjectTrigger.Expire => "过期",
        ProjectTrigger.Restore => "恢复",
        _ => trigger.ToString(),
    };
}

/// <summary>Thrown when an operation is not allowed in the project's current status.</summary>
public sealed class ProjectTransitionException(ProjectStatus status, string operation)
    : Exception($"项目当前状态为“{ProjectLifecycle.Label(status)}”，不能{operation}。")
{
    /// <summary>The status the project was in.</summary>
    public ProjectStatus Status { get; } = status;
}
