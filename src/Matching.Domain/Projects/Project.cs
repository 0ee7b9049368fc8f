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
    /// <summary>The landing county reported a stage (<see cref="ProjectEvent.Landing"/>).</summary>
    LandingReported,
    /// <summary>A coordinator confirmed a stage report.</summary>
    LandingConfirmed,
    /// <summary>A coordinator returned a stage report, with the reason in the note.</summary>
    LandingReturned,
    /// <summary>A stage clock ran out: the project is flagged overdue; the note names the stage.</summary>
    LandingOverdue,
    /// <summary>A contest was routed to the level that decides it (or escalated, or taken over); the note starts with the escalation rule's id.</summary>
    Routed,
}

/// <summary>One entry of a project's append-only history.</summary>
/// <param name="Sequence">1-based position in the history; equal to <paramref name="Version"/>, as every change appends one entry.</param>
/// <param name="Kind">What happened.</param>
/// <param name="From">Status before (null on creation).</param>
/// <param name="To">Status after.</param>
/// <param name="Trigger">The trigger, for transitions.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="At">When.</param>
/// <param name="Note">Why, when given.</param>
/// <param name="Version">The project's version after the event.</param>
/// <param name="Decision">The coordinator's decision this transition carries out, with what the coordinator saw.</param>
/// <param name="Landing">The stage report a landing entry concerns, as it stood after the entry.</param>
public sealed record ProjectEvent(
    int Sequence,
    ProjectEventKind Kind,
    ProjectStatus? From,
    ProjectStatus To,
    ProjectTrigger? Trigger,
    string Actor,
    DateTimeOffset At,
    string? Note,
    long Version,
    Decisions.Decision? Decision = null,
    Landing.LandingReport? Landing = null);

/// <summary>
/// A project (招商项目): its details and status. Immutable; every operation returns the next state and
/// the history entry it appended (<see cref="Changes"/>). The history itself is not part of the value:
/// it only grows, so it is stored apart, a row per entry, and read in pages.
/// </summary>
/// <param name="Id">The project's id.</param>
/// <param name="Details">What was posted.</param>
/// <param name="Status">Where it is in its lifecycle.</param>
/// <param name="Version">Bumped by every change (the length of its history).</param>
/// <param name="CreatedBy">Who posted it.</param>
/// <param name="CreatedAt">When it was posted.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="PublishedAt">When it was first published.</param>
/// <param name="Bidders">Every county that has bid on the project (withdrawn bids included), in the order they first did; at most one entry per county.</param>
public sealed record Project(
    Guid Id,
    ProjectDetails Details,
    ProjectStatus Status,
    long Version,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<string> Bidders)
{
    /// <summary>
    /// The history entries appended by the operations that produced this value from the one it was
    /// made from, oldest first. Not stored with the project: whoever stores it appends these to the history.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<ProjectEvent> Changes { get; init; } = [];

    /// <summary>A new draft.</summary>
    public static Project Create(Guid id, ProjectDetails details, string actor, DateTimeOffset at) =>
        new(id, details, ProjectStatus.Draft, 1, actor, at, at, null, [])
        {
            Changes = [new ProjectEvent(1, ProjectEventKind.Created, null, ProjectStatus.Draft, null, actor, at, null, 1)],
        };

    /// <summary>This value with no pending changes (once they are stored).</summary>
    public Project Settled() => Changes.Count == 0 ? this : this with { Changes = [] };

    /// <summary>Replaces the details; allowed while Draft or Open.</summary>
    /// <exception cref="ProjectTransitionException">The status does not allow edits.</exception>
    public Project Edit(ProjectDetails details, string actor, DateTimeOffset at)
    {
        if (!ProjectLifecycle.IsEditable(Status)) throw new ProjectTransitionException(Status, "修改");
        return Append(ProjectEventKind.Edited, Status, null, actor, at, null) with { Details = details };
    }

    /// <summary>Moves the project along its lifecycle.</summary>
    /// <param name="trigger">What moves it.</param>
    /// <param name="actor">Who.</param>
    /// <param name="at">When.</param>
    /// <param name="note">Why, when given.</param>
    /// <param name="decision">The coordinator's decision the transition carries out, recorded with it.</param>
    /// <exception cref="ProjectTransitionException">The lifecycle forbids the trigger now.</exception>
    public Project Apply(ProjectTrigger trigger, string actor, DateTimeOffset at, string? note = null, Decisions.Decision? decision = null)
    {
        var next = ProjectLifecycle.Next(Status, trigger, PublishedAt is not null)
            ?? throw new ProjectTransitionException(Status, ProjectLifecycle.Label(trigger));
        var moved = Append(ProjectEventKind.Transitioned, next, trigger, actor, at, note, decision) with { Status = next };
        return trigger == ProjectTrigger.Publish && PublishedAt is null ? moved with { PublishedAt = at } : moved;
    }

    /// <summary>
    /// Records a bid placed or withdrawn. It bumps the version, so a coordinator's decision made on the
    /// bids as they were is recognised as stale.
    /// </summary>
    public Project RecordBid(bool placed, string county, string actor, DateTimeOffset at)
    {
        var next = Append(placed ? ProjectEventKind.BidPlaced : ProjectEventKind.BidWithdrawn, Status, null, actor, at, county);
        return placed && !Bidders.Contains(county) ? next with { Bidders = [.. Bidders, county] } : next;
    }

    /// <summary>Records who decides the contest now, and the rule that says so (<see cref="Escalation.ContestRoute.Note"/>).</summary>
    public Project Routed(Escalation.ContestRoute route, DateTimeOffset at) =>
        Append(ProjectEventKind.Routed, Status, null, route.By, at, route.Note());

    /// <summary>Records a landing step (a stage reported, confirmed or returned, or a clock run out); the status stays.</summary>
    public Project RecordLanding(ProjectEventKind kind, Landing.LandingReport? report, string actor, DateTimeOffset at, string? note) =>
        Append(kind, Status, null, actor, at, note, landing: report);

    private Project Append(ProjectEventKind kind, ProjectStatus to, ProjectTrigger? trigger, string actor, DateTimeOffset at, string? note,
        Decisions.Decision? decision = null, Landing.LandingReport? landing = null)
    {
        var version = Version + 1;
        var entry = new ProjectEvent((int)version, kind, Status, to, trigger, actor, at, note, version, decision, landing);
        return this with { Version = version, UpdatedAt = at, Changes = [.. Changes, entry] };
    }
}
