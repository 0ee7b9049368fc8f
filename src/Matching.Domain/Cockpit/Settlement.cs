using Matching.Domain.Decisions;
using Matching.Domain.Landing;

namespace Matching.Domain.Cockpit;

/// <summary>
/// A settled project (awarded, co-built or landed) as its projection carries it: the decision in force,
/// what it reserved, and how far landing has come. The search index keeps it with the project's
/// document, so the cockpit, the yearly report and the overdue list read it without reading grains.
/// </summary>
/// <param name="Kind">Award or co-build.</param>
/// <param name="DecidedAt">When the decision in force was made.</param>
/// <param name="Lead">The lead (or sole) host county: where landing is reported and the project counted.</param>
/// <param name="Shares">Every host's share for a co-build (lead included); empty for an award.</param>
/// <param name="ParkId">The park the decision placed it in.</param>
/// <param name="LandMu">Land reserved at the park, 亩.</param>
/// <param name="EnergyTce">Energy reserved, tce per year (over every county holding some).</param>
/// <param name="Investment">Planned investment, 万元.</param>
/// <param name="Confirmed">The last confirmed figures of each confirmed landing stage, in stage order.</param>
/// <param name="Overdue">The overdue flag, while a stage clock has run out unreported.</param>
public sealed record Settlement(
    DecisionKind Kind,
    DateTimeOffset DecidedAt,
    string Lead,
    IReadOnlyList<HostShare> Shares,
    string? ParkId,
    decimal LandMu,
    decimal EnergyTce,
    decimal Investment,
    IReadOnlyList<LandingFigures> Confirmed,
    LandingOverdue? Overdue)
{
    /// <summary>The counties the decision placed the project in: the lead first, then the other sharing counties.</summary>
    public IReadOnlyList<string> Hosts => [Lead, .. Shares.Select(s => s.County).Where(c => c != Lead)];

    /// <summary>The co-building counties other than the lead.</summary>
    public IReadOnlyList<string> Partners => [.. Shares.Select(s => s.County).Where(c => c != Lead)];

    /// <summary>The project as the cockpit counts it.</summary>
    public SettledProject AsSettled(Guid projectId, string division) => new(projectId, division, Investment, DecidedAt, Lead, Shares);

    /// <summary>The project as the landing funnel counts it.</summary>
    public FunnelEntry AsFunnel() => new(Lead, Confirmed.Select(f => f.Stage).ToHashSet(), Overdue is not null);

    /// <summary>The settlement of a project, or null when it is not awarded, co-built or landed under an award or co-build.</summary>
    /// <param name="status">The project's status.</param>
    /// <param name="decision">The decision in force.</param>
    /// <param name="investment">The project's investment, 万元.</param>
    /// <param name="landMu">Land held for it, 亩.</param>
    /// <param name="energyTce">Energy held for it, tce per year.</param>
    /// <param name="progress">Its landing progress under this decision (null before the first step).</param>
    public static Settlement? Of(Projects.ProjectStatus status, Decision? decision, decimal investment, decimal landMu, decimal energyTce, LandingProgress? progress)
    {
        if (status is not (Projects.ProjectStatus.Awarded or Projects.ProjectStatus.CoBuilt or Projects.ProjectStatus.Landed)) return null;
        if (decision is not { Terms: { Kind: DecisionKind.Award or DecisionKind.CoBuild, County: { } lead } terms }) return null;
        IReadOnlyList<HostShare> shares = terms.Kind == DecisionKind.CoBuild ? [.. terms.Shares.Select(s => new HostShare(s.County, s.Percent))] : [];
        var landing = progress ?? LandingProgress.None;
        IReadOnlyList<LandingFigures> confirmed = [.. LandingStages.All.Select(landing.Confirmed).OfType<LandingFigures>()];
        return new Settlement(terms.Kind, decision.DecidedAt, lead, shares, terms.ParkId, landMu, energyTce, investment, confirmed, landing.Overdue);
    }
}
