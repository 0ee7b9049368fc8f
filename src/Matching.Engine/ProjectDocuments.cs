using Matching.Domain.Industries;
using Matching.Domain.Projects;
using Matching.Search;

namespace Matching.Engine;

/// <summary>How a project becomes a search document.</summary>
public static class ProjectDocuments
{
    /// <summary>
    /// The document of a project with the counties it fits (its standing interests), those a decision
    /// placed it in, once settled, the decision in force with its landing progress, while contested, how the contest stands,
    /// and its table row with <paramref name="listedHost"/> as the 落地县 (the latest decision's county, see <see cref="ProjectListing.HostCounty"/>).
    /// </summary>
    public static ProjectDocument From(
        Project project, IReadOnlyList<string> fitCounties, IndustryCatalog industries, IReadOnlyList<string>? hostCounties = null, Domain.Cockpit.Settlement? settlement = null,
        Domain.Decisions.ContestStanding? contest = null, string? listedHost = null)
    {
        var d = project.Details;
        return new ProjectDocument(
            project.Id, d.Title, d.Description, d.IndustryCode.Value, industries.Find(d.IndustryCode)?.Name ?? string.Empty,
            d.IndustryText, project.Status, d.FirstContactCounty, fitCounties,
            d.Investment, d.LandMu, d.EnergyTce, d.HighEnergy, project.UpdatedAt)
        {
            HostCounties = hostCounties ?? [],
            Settlement = settlement,
            Contest = contest,
            Listing = new ProjectListing(
                project.Id, d.Title, d.IndustryCode.Value, project.Status, d.Investment, d.LandMu, d.EnergyTce, d.HighEnergy,
                d.FirstContactCounty, listedHost, project.CreatedAt, project.PublishedAt, project.UpdatedAt, d.Deadline),
        };
    }
}
