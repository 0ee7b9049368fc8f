namespace Matching.Contracts;

/// <summary>
/// A durable set of project ids under a key: a shard of the registry of every project
/// (<see cref="IProjectRegistryGrain"/>), the projects an account posted (<see cref="PostedBy"/>), the
/// projects a county bid on (<see cref="BidOnBy"/>).
/// </summary>
[Alias("Matching.IProjectListGrain")]
public interface IProjectListGrain : IGrainWithStringKey
{
    /// <summary>The key of the projects an account posted (an officer's desk).</summary>
    static string PostedBy(string userName) => "posted:" + userName;

    /// <summary>The key of the projects a county has bid on.</summary>
    static string BidOnBy(string adcode) => "bids:" + adcode;

    /// <summary>Adds a project id. Idempotent.</summary>
    [Alias("Add")]
    Task Add(Guid id);

    /// <summary>Every id in the list.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<Guid>> List();
}
