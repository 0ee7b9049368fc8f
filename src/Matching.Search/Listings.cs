using Matching.Domain.Projects;

namespace Matching.Search;

/// <summary>
/// What a table of projects shows of one project (the county inbox's rows): carried by its search document
/// (<see cref="ProjectDocument.Listing"/>) so that a list of many projects is read from the index in one
/// call, not from one project grain per row.
/// </summary>
/// <param name="Id">Project id.</param>
/// <param name="Title">Title.</param>
/// <param name="IndustryCode">GB/T class.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Investment">万元.</param>
/// <param name="LandMu">亩.</param>
/// <param name="EnergyTce">吨标准煤 per year.</param>
/// <param name="HighEnergy">两高.</param>
/// <param name="FirstContactCounty">首谈地, when known.</param>
/// <param name="HostCounty">落地县: the county the latest decision chose (a co-build's largest share), when there is one.</param>
/// <param name="CreatedAt">Created.</param>
/// <param name="PublishedAt">Published, when it was.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="Deadline">The bidding deadline, when set.</param>
public sealed record ProjectListing(
    Guid Id, string Title, string IndustryCode, ProjectStatus Status,
    decimal Investment, decimal LandMu, decimal EnergyTce, bool HighEnergy,
    string? FirstContactCounty, string? HostCounty,
    DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt, DateOnly? Deadline)
{
    /// <summary>Most projects one <see cref="ISearchEngine.ReadListingsAsync"/> call reads.</summary>
    public const int MaxIds = 2_000;
}
