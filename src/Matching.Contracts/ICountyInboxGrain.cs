namespace Matching.Contracts;

/// <summary>
/// A county's standing interests: the published projects that fit it above the inbox threshold, put
/// here by the project when it is published (and taken out when it closes). Keyed by adcode.
/// </summary>
[Alias("Matching.ICountyInboxGrain")]
public interface ICountyInboxGrain : IGrainWithStringKey
{
    /// <summary>Every entry, best fit first.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<InboxEntry>> List();

    /// <summary>Adds or updates the entry of a project. Idempotent.</summary>
    [Alias("Put")]
    Task Put(InboxEntry entry);

    /// <summary>Removes a project's entry; no error when absent.</summary>
    [Alias("Remove")]
    Task Remove(Guid projectId);
}

/// <summary>A project in a county's inbox.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Score">The county's fit score for it when it was put in.</param>
/// <param name="At">When it was put in (or last updated).</param>
[GenerateSerializer, Immutable, Alias("Matching.InboxEntry")]
public sealed record InboxEntry(
    [property: Id(0)] Guid ProjectId,
    [property: Id(1)] double Score,
    [property: Id(2)] DateTimeOffset At);
