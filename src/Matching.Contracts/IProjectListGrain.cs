namespace Matching.Contracts;

/// <summary>
/// A durable list of projects under a key: the projects an account posted (<see cref="PostedBy"/>),
/// the projects a county bid on (<see cref="BidOnBy"/>).
/// </summary>
[Alias("Matching.IProjectListGrain")]
public interface IProjectListGrain : IGrainWithStringKey
{
    /// <summary>The key of the projects an account posted (an officer's desk).</summary>
    static string PostedBy(string userName) => "posted:" + userName;

    /// <summary>The key of the projects a county has bid on.</summary>
    static string BidOnBy(string adcode) => "bids:" + adcode;

    /// <summary>Adds a project. Idempotent.</summary>
    [Alias("Add")]
    Task Add(Guid projectId);

    /// <summary>Every project, in the order first added.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<Guid>> List();
}
