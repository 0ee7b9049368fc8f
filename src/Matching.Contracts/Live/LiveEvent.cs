namespace Matching.Contracts.Live;

/// <summary>
/// One event of one recipient stream, as delivered to clients. <see cref="Sequence"/> is per stream,
/// starts at 1 and has no gaps, so a client that remembers the last one it applied can ask for exactly
/// what it missed and recognise a duplicate.
/// </summary>
/// <param name="Stream">The recipient stream (<see cref="LiveStreams"/>).</param>
/// <param name="Sequence">Position in the stream.</param>
/// <param name="Id">Identifies the fact across streams; appending the same id to a stream twice stores it once.</param>
/// <param name="Type">The event type (<see cref="LiveEventTypes"/>).</param>
/// <param name="Version">Payload version of the type.</param>
/// <param name="At">When the fact happened.</param>
/// <param name="ProjectId">The project concerned, if any.</param>
/// <param name="Payload">The payload, JSON (camelCase).</param>
[GenerateSerializer, Immutable, Alias("Matching.LiveEvent")]
public sealed record LiveEvent(
    [property: Id(0)] string Stream,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Id,
    [property: Id(3)] string Type,
    [property: Id(4)] int Version,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] Guid? ProjectId,
    [property: Id(7)] string Payload);

/// <summary>An event to append to one stream; the stream assigns its sequence.</summary>
[GenerateSerializer, Immutable, Alias("Matching.LiveEventDraft")]
public sealed record LiveEventDraft(
    [property: Id(0)] string Stream,
    [property: Id(1)] string Id,
    [property: Id(2)] string Type,
    [property: Id(3)] int Version,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] Guid? ProjectId,
    [property: Id(6)] string Payload)
{
    /// <summary>The event at a position of the stream.</summary>
    public LiveEvent ToEvent(long sequence) => new(Stream, sequence, Id, Type, Version, At, ProjectId, Payload);
}

/// <summary>A page of a stream read from a position.</summary>
/// <param name="Events">Events after the position, oldest first.</param>
/// <param name="More">True when more follow: ask again from the last one.</param>
[GenerateSerializer, Immutable, Alias("Matching.LiveEventPage")]
public sealed record LiveEventPage(
    [property: Id(0)] IReadOnlyList<LiveEvent> Events,
    [property: Id(1)] bool More);

/// <summary>The names of the event types; payloads are documented in docs/live-updates-and-access.md.</summary>
public static class LiveEventTypes
{
    /// <summary>A project was published to the recipient (a fitting county, its officer, coordinators).</summary>
    public const string ProjectPublished = "projectPublished";
    /// <summary>A project the recipient follows changed (details or status).</summary>
    public const string ProjectUpdated = "projectUpdated";
    /// <summary>A county placed or replaced a bid.</summary>
    public const string BidPlaced = "bidPlaced";
    /// <summary>A county withdrew its bid.</summary>
    public const string BidWithdrawn = "bidWithdrawn";
    /// <summary>A project has two or more live bids.</summary>
    public const string ProjectContested = "projectContested";
    /// <summary>A coordinator decided a project.</summary>
    public const string DecisionMade = "decisionMade";
    /// <summary>Another county bid for a project of an investor already operating in the recipient county (the relocation rule).</summary>
    public const string RelocationNotice = "relocationNotice";

    /// <summary>A contest was routed to a deciding level, escalated, or taken over (with the rule that did it).</summary>
    public const string ContestRouted = "contestRouted";

    /// <summary>A lead county invited the recipient county to a joint bid (联合招商) awaiting its answer.</summary>
    public const string JointBidProposed = "jointBidProposed";

    /// <summary>A partner confirmed or declined the recipient's joint bid (and whether it now counts).</summary>
    public const string JointBidAnswered = "jointBidAnswered";

    /// <summary>A county's energy quota or a park's land changed.</summary>
    public const string QuotaChanged = "quotaChanged";

    /// <summary>A county's profile, figures, flags, evidence or parks changed (its new version; re-read the county).</summary>
    public const string CountyChanged = "countyChanged";

    /// <summary>A park's chemical-park flag changed (to the coordinators; re-read the park).</summary>
    public const string ParkChanged = "parkChanged";
}

/// <summary>
/// Recipient streams. A connection is put in the streams its identity allows; each stream is also the
/// SignalR group its events are sent to.
/// </summary>
public static class LiveStreams
{
    /// <summary>Every coordinator (and admin).</summary>
    public const string Coordinators = "coordinators";

    /// <summary>One county's account.</summary>
    public static string County(string adcode) => "county:" + adcode;

    /// <summary>One officer, by user name.</summary>
    public static string Officer(string userName) => "officer:" + userName;

    /// <summary>One prefecture's coordinators, by the prefecture's adcode (<c>prefecture:370800</c>).</summary>
    public static string Prefecture(string adcode) => "prefecture:" + adcode;

    /// <summary>
    /// One project's public events (published, updated, contested without the bidders, decided), for
    /// any connection that may see the project and asks to watch it.
    /// </summary>
    public static string Project(Guid projectId) => "project:" + projectId.ToString("N");
}
