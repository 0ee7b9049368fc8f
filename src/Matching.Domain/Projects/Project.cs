namespace Matching.Domain.Projects;

/// <summary>What an entry in a project's history records.</summary>
public enum ProjectEventKind
{
    /// <summary>The project was posted (as a draft).</summary>
    Created,
    /// <summary>Its details were edited.</summary>
    Edited,
    /// <summary>Its status changed.</summary>
    Transitioned,
    /// <summary>A county placed (or replaced) its bid; the note names the county.</summary>
    BidPlaced,
    /// <summary>A county withdrew its bid; the note names the county.</summary>
    BidWithdrawn,
}

/// <summary>One entry of a project's append-only history.</summary>
/// <param name="Sequence">1-based position in the history.</param>
/// <param name="Kind">What happened.</param>
/// <param name="From">Status before (null on creation).</param>
/// <param name="To">Status after.</param>
/// <param name="Trigger">The trigger, for transitions.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="At">When.</param>
/// <param name="Note">Why, when given.</param>
/// <param name="Version">The project's version after the event.</param>
public sealed record ProjectEvent(
    int Sequence,
    ProjectEventKind Kind,
    ProjectStatus? From,
    ProjectStatus To,
    ProjectTrigger? Trigger,
    string Actor,
    DateTimeOffset At,
    string? Note,
    long Version);

/// <summary>
/// A project (招商项目): its details, status and history. Immutable; every operation returns the next
/// state with one more history entry, so the history can only grow.
/// </summary>
public sealed record Project(
    Guid Id,
    ProjectDetails Details,
    ProjectStatus Status,
    long Version,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<ProjectEvent> History)
{
    /// <summary>A new draft.</summary>
    public static Project Create(Guid id, ProjectDetails details, string actor, DateTimeOffset at) =>
        new(id, details, ProjectStatus.Draft, 1, actor, at, at, null,
            [new ProjectEvent(1, ProjectEventKind.Created, null, ProjectStatus.Draft, null, actor, at, null, 1)]);

    /// <summary>Replaces the details; allowed while Draft or Open.</summary>
    /// <exception cref="ProjectTransitionException">The status does not allow edits.</exception>
    public Project Edit(ProjectDetails details, string actor, DateTimeOffset at)
    {
        if (!ProjectLifecycle.IsEditable(Status)) throw new ProjectTransitionException(Status, "修改");
        return Append(ProjectEventKind.Edited, Status, null, actor, at, null) with { Details = details };
    }

    /// <summary>Moves the project along its lifecycle.</summary>
    /// <exception cref="ProjectTransitionException">The lifecycle forbids the trigger now.</exception>
    public Project Apply(ProjectTrigger trigger, string actor, DateTimeOffset at, string? note = null)
    {
        var next = ProjectLifecycle.Next(Status, trigger)
            ?? throw new ProjectTransitionException(Status, ProjectLifecycle.Label(trigger));
        var moved = Append(ProjectEventKind.Transitioned, next, trigger, actor, at, note) with { Status = next };
        return trigger == ProjectTrigger.Publish && PublishedAt is null ? moved with { PublishedAt = at } : moved;
    }

    /// <summary>
    /// Records a bid placed or withdrawn. It bumps the version, so a coordinator's decision made on the
    /// bids as they were is recognised as stale.
    /// </summary>
    public Project RecordBid(bool placed, string county, string actor, DateTimeOffset at) =>
        Append(placed ? ProjectEventKind.BidPlaced : ProjectEventKind.BidWithdrawn, Status, null, actor, at, county);

    /// <summary>Every county that has ever bid on the project (withdrawn bids included), in the order they first did.</summary>
    public IEnumerable<string> Bidders => History.Where(e => e.Kind == ProjectEventKind.BidPlaced && e.Note is not null).Select(e => e.Note!).Distinct();

    private Project Append(ProjectEventKind kind, ProjectStatus to, ProjectTrigger? trigger, string actor, DateTimeOffset at, string? note)
    {
        var version = Version + 1;
        var entry = new ProjectEvent(History.Count + 1, kind, Status, to, trigger, actor, at, note, version);
        return this with { Version = version, UpdatedAt = at, History = [.. History, entry] };
    }
}
