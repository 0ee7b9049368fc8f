namespace Matching.Contracts;

/// <summary>A project in a county's inbox (its standing interests).</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Score">The county's fit score for it when it was put in.</param>
/// <param name="At">When it was put in (or last updated).</param>
[GenerateSerializer, Immutable, Alias("Matching.InboxEntry")]
public sealed record InboxEntry(
    [property: Id(0)] Guid ProjectId,
    [property: Id(1)] double Score,
    [property: Id(2)] DateTimeOffset At);

/// <summary>A page of a county's inbox and the number of entries in it.</summary>
[GenerateSerializer, Immutable, Alias("Matching.InboxPage")]
public sealed record InboxPage(
    [property: Id(0)] IReadOnlyList<InboxEntry> Entries,
    [property: Id(1)] long Total);
