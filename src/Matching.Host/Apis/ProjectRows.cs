using Matching.Search;
using Matching.Contracts;
using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Domain.Projects;
using Matching.Host.Lists;

namespace Matching.Host.Apis;

/// <summary>
/// A project in a table: the figures a user compares (investment 万元, land 亩, energy 吨标准煤/年), the
/// first-contact county (首谈地), the host county a decision chose (落地县), status and dates.
/// </summary>
public sealed record ProjectRow(
    Guid Id, string Title, string IndustryCode, string IndustryName, ProjectStatus Status, string StatusName,
    decimal Investment, decimal LandMu, decimal EnergyTce, bool HighEnergy,
    string? FirstContactCounty, string? FirstContactCountyName, string? HostCounty, string? HostCountyName,
    DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt, DateOnly? Deadline);

/// <summary>The project table's columns, shared by every project list and its export.</summary>
internal static class ProjectRows
{
    public static ListShape<ProjectRow> Shape(string name) => new(name,
    [
        new("title", "项目名称", r => r.Title),
        new("industry", "行业", r => r.IndustryCode, r => $"{r.IndustryCode} {r.IndustryName}"),
        new("status", "状态", r => r.Status, r => r.StatusName),
        new("investment", "投资额（万元）", r => r.Investment),
        new("landMu", "用地（亩）", r => r.LandMu),
        new("energyTce", "能耗（吨标准煤/年）", r => r.EnergyTce),
        new("firstContact", "首谈地", r => r.FirstContactCountyName),
        new("hostCounty", "落地县", r => r.HostCountyName),
        new("createdAt", "创建时间", r => r.CreatedAt),
        new("publishedAt", "发布时间", r => r.PublishedAt),
        new("updatedAt", "最近更新", r => r.UpdatedAt),
    ], "updatedAt", true,
        r => [r.Title, r.IndustryCode, r.IndustryName, r.FirstContactCountyName, r.HostCountyName],
        r => r.Status);

    /// <summary>The row of a project as its search document lists it (<see cref="ProjectListing"/>): the same columns as <see cref="Of(Project, IGrainFactory, Province)"/>.</summary>
    public static ProjectRow Of(ProjectListing listing, Province province) => new(
        listing.Id, listing.Title, listing.IndustryCode,
        Domain.Industries.IndustryCode.TryParse(listing.IndustryCode, out var code) ? province.Industries.Find(code)?.Name ?? string.Empty : string.Empty,
        listing.Status, ProjectLifecycle.Label(listing.Status),
        listing.Investment, listing.LandMu, listing.EnergyTce, listing.HighEnergy,
        listing.FirstContactCounty, province.Label(listing.FirstContactCounty), listing.HostCounty, province.Label(listing.HostCounty),
        listing.CreatedAt, listing.PublishedAt, listing.UpdatedAt, listing.Deadline);

    /// <summary>The row of a project; the host county comes from its latest decision.</summary>
    public static async Task<ProjectRow> Of(Project project, IGrainFactory grains, Province province)
    {
        var d = project.Details;
        string? host = null;
        if (project.Status is ProjectStatus.Awarded or ProjectStatus.CoBuilt or ProjectStatus.Landed or ProjectStatus.Referred)
        {
            var decision = await grains.GetGrain<IProjectGrain>(project.Id).GetLastDecision();
            host = decision?.Terms switch
            {
                { Kind: DecisionKind.CoBuild } t => t.Shares.OrderByDescending(s => s.Percent).FirstOrDefault()?.County,
                { } t => t.County,
                null => null,
            };
        }

        return new ProjectRow(
            project.Id, d.Title, d.IndustryCode.Value, province.Industries.Find(d.IndustryCode)?.Name ?? string.Empty,
            project.Status, ProjectLifecycle.Label(project.Status),
            d.Investment, d.LandMu, d.EnergyTce, d.HighEnergy,
            d.FirstContactCounty, province.Label(d.FirstContactCounty), host, province.Label(host),
            project.CreatedAt, project.PublishedAt, project.UpdatedAt, d.Deadline);
    }
}
