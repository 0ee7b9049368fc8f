namespace Matching.Contracts;

/// <summary>The projects one account posted (an officer's desk), keyed by user name.</summary>
[Alias("Matching.IPostedProjectsGrain")]
public interface IPostedProjectsGrain : IGrainWithStringKey
{
    /// <summary>Adds a project. Idempotent.</summary>
    [Alias("Add")]
    Task Add(Guid projectId);

    /// <summary>Every project posted, oldest first.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<Guid>> List();
}
