using Matching.Domain.Projects;

namespace Matching.Domain.Decisions;

/// <summary>A quota as a decision's preview reads it.</summary>
/// <param name="Capacity">What can be reserved in all.</param>
/// <param name="Reserved">Reserved now, by every project.</param>
/// <param name="HeldByProject">What this project holds of it now.</param>
public sealed record QuotaFigure(decimal Capacity, decimal Reserved, decimal HeldByProject);

/// <summary>Which quota a change touches.</summary>
public enum QuotaKind
{
    /// <summary>A park's land, 亩.</summary>
    Land,
    /// <summary>A county's energy, tce per year.</summary>
    Energy,
}

/// <summary>One reservation or release a decision makes.</summary>
/// <param name="Quota">Land or energy.</param>
/// <param name="Holder">The park id (land) or county adcode (energy).</param>
/// <param name="Amount">What the project will hold there (a reservation) or gives back (a release).</param>
/// <param name="AvailableBefore">What is available there now.</param>
/// <param name="AvailableAfter">What will be available after the decision; below zero means it would be refused.</param>
public sealed record QuotaChange(QuotaKind Quota, string Holder, decimal Amount, decimal AvailableBefore, decimal AvailableAfter);

/// <summary>
/// Exactly what a decision would do, computed without doing it: whom it gives the project to, with
/// which park and shares, the status it leads to, the quotas it reserves and releases, the bidders it
/// does not choose, and the reservations that would be refused.
/// </summary>
/// <param name="Terms">The validated decision.</param>
/// <param name="IsRevision">True when it replaces the standing award or co-build.</param>
/// <param name="StatusAfter">The project's status after it.</param>
/// <param name="Reserve">What it reserves.</param>
/// <param name="Release">What it gives back.</param>
/// <param name="NotChosen">Counties with a live bid that it does not give the project to (未被选中).</param>
/// <param name="Refusals">Why a reservation would be refused; a decision with any is not made.</param>
public sealed record DecisionEffects(
    DecisionTerms Terms, bool IsRevision, ProjectStatus StatusAfter, IReadOnlyList<QuotaChange> Reserve, IReadOnlyList<QuotaChange> Release,
    IReadOnlyList<string> NotChosen, IReadOnlyList<string> Refusals)
{
    /// <summary>The effects of a decision.</summary>
    /// <param name="terms">The validated decision.</param>
    /// <param name="statusAfter">The status it leads to.</param>
    /// <param name="isRevision">Whether it replaces a standing award or co-build.</param>
    /// <param name="details">The project (its land and energy needs).</param>
    /// <param name="held">What the project holds now: its park and land, and energy by county; null when nothing.</param>
    /// <param name="bidders">Counties with a live bid.</param>
    /// <param name="land">The land quotas of the parks involved (held and to be reserved), by park id.</param>
    /// <param name="energy">The energy quotas of the counties involved, by adcode.</param>
    public static DecisionEffects Of(
        DecisionTerms terms, ProjectStatus statusAfter, bool isRevision, ProjectDetails details,
        (string ParkId, decimal LandMu, IReadOnlyDictionary<string, decimal> Energy)? held, IReadOnlyCollection<string> bidders,
        IReadOnlyDictionary<string, QuotaFigure> land, IReadOnlyDictionary<string, QuotaFigure> energy)
    {
        var reserve = new List<QuotaChange>();
        var release = new List<QuotaChange>();
        var places = terms.Kind is DecisionKind.Award or DecisionKind.CoBuild;
        var newEnergy = places ? terms.EnergySplit(details.EnergyTce).Where(e => e.EnergyTce > 0).ToDictionary(e => e.County, e => e.EnergyTce) : [];

        if (places && details.LandMu > 0) reserve.Add(Reserving(QuotaKind.Land, terms.ParkId!, details.LandMu, land[terms.ParkId!]));
        foreach (var (county, tce) in newEnergy) reserve.Add(Reserving(QuotaKind.Energy, county, tce, energy[county]));

        if (held is { } h)
        {
            if (!places || h.ParkId != terms.ParkId) release.Add(Releasing(QuotaKind.Land, h.ParkId, land[h.ParkId]));
            foreach (var county in h.Energy.Keys.Where(c => !newEnergy.ContainsKey(c))) release.Add(Releasing(QuotaKind.Energy, county, energy[county]));
        }

        var receivers = terms.Kind switch
        {
            DecisionKind.Award => [terms.County!],
            DecisionKind.CoBuild => terms.Shares.Select(s => s.County).ToHashSet(),
            _ => new HashSet<string>(),
        };
        var notChosen = terms.Kind is DecisionKind.Award or DecisionKind.CoBuild or DecisionKind.Refer or DecisionKind.Reject
            ? bidders.Where(b => !receivers.Contains(b)).Order(StringComparer.Ordinal).ToArray()
            : [];
        var refusals = reserve.Where(r => r.AvailableAfter < 0)
            .Select(r => r.Quota == QuotaKind.Land
                ? $"园区 {r.Holder} 可用土地 {r.AvailableBefore} 亩，不足 {r.Amount} 亩"
                : $"{r.Holder} 可用能耗指标 {r.AvailableBefore} 吨标准煤/年，不足 {r.Amount}")
            .ToArray();
        return new DecisionEffects(terms, isRevision, statusAfter, reserve, release, notChosen, refusals);
    }

    private static QuotaChange Reserving(QuotaKind kind, string holder, decimal amount, QuotaFigure quota)
    {
        var before = quota.Capacity - quota.Reserved;
        return new QuotaChange(kind, holder, amount, before, before + quota.HeldByProject - amount);
    }

    private static QuotaChange Releasing(QuotaKind kind, string holder, QuotaFigure quota)
    {
        var before = quota.Capacity - quota.Reserved;
        return new QuotaChange(kind, holder, quota.HeldByProject, before, before + quota.HeldByProject);
    }
}
