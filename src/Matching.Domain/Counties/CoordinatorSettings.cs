namespace Matching.Domain.Counties;

/// <summary>
/// A coordinator's own setting of a county's figure or flag is verified by that coordinator at that moment: the figure
/// carries who and when (<see cref="FigureCheck"/>) itself, so nobody has to look it up in the audit trail. Figures set
/// before this was stored carry no check and read as "set by a coordinator, who and when not recorded".
/// </summary>
public static class CoordinatorSettings
{
    /// <summary>
    /// Stamps each figure and flag a coordinator's edit changed with <paramref name="check"/>; one set to the value a
    /// coordinator had already set keeps its earlier stamp (nothing changed, nothing to audit).
    /// </summary>
    public static CountyProfile Stamp(CountyProfile before, CountyProfile after, FigureCheck check) => after with
    {
        LandQuotaMu = Stamp(before.LandQuotaMu, after.LandQuotaMu, check)!,
        EnergyQuotaTce = Stamp(before.EnergyQuotaTce, after.EnergyQuotaTce, check)!,
        LandPriceFloor = Stamp(before.LandPriceFloor, after.LandPriceFloor, check),
        FiscallyDirect = Stamp(before.FiscallyDirect, after.FiscallyDirect, check),
        OldRevolutionaryBase = Stamp(before.OldRevolutionaryBase, after.OldRevolutionaryBase, check),
    };

    private static Figure? Stamp(Figure? before, Figure? after, FigureCheck check)
    {
        if (after is null || ReferenceEquals(before, after) || after.Source != FigureSource.Coordinator || after.Check is not null) return after;
        if (before is { Source: FigureSource.Coordinator } held && held.Value == after.Value && held.Before is null) return held;
        return after with { Check = check };
    }

    private static Flag Stamp(Flag before, Flag after, FigureCheck check)
    {
        if (ReferenceEquals(before, after) || after.Source != FigureSource.Coordinator || after.Check is not null) return after;
        if (before is { Source: FigureSource.Coordinator } held && held.Value == after.Value && held.Before is null) return held;
        return after with { Check = check };
    }
}
