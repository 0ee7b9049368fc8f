using Matching.Domain.Evidence;

namespace Matching.Domain.Counties;

/// <summary>
/// Fairness points a county earns as host, from what the platform knows of it: on the 省财政直管县
/// list (the profile flag, or the seeded list, which is marked 待核实), a 革命老区 (profile flag; the
/// seeds carry no list, so only where a county or coordinator set it), and not on a top-100 county
/// (百强县) list. Pairing partners are not counted here yet. The allocation's fairness term and the
/// cockpit's share going to weaker counties both read it.
/// </summary>
public static class CountyFairness
{
    /// <summary>Points for 省财政直管县.</summary>
    public const double FiscallyDirectPoints = 4;

    /// <summary>Points for 革命老区.</summary>
    public const double OldRevolutionaryBasePoints = 4;

    /// <summary>Points for not being a 百强县.</summary>
    public const double NotTop100Points = 2;

    /// <summary>The county's fairness points with the reason for each part.</summary>
    public static FairnessPoints Of(County county)
    {
        var evidence = county.Reference.EvidenceItems;
        var reasons = new List<string>();
        double points = 0;
        if (county.Profile.FiscallyDirect.InForce)
        {
            points += FiscallyDirectPoints;
            reasons.Add("省财政直管县");
        }
        else if (evidence.Any(e => e.Kind == EvidenceKind.FiscallyDirect))
        {
            points += FiscallyDirectPoints;
            reasons.Add("省财政直管县（名单待核实）");
        }

        if (county.Profile.OldRevolutionaryBase.InForce)
        {
            points += OldRevolutionaryBasePoints;
            reasons.Add("革命老区");
        }

        if (!evidence.Any(e => e.Kind == EvidenceKind.Top100County))
        {
            points += NotTop100Points;
            reasons.Add("非百强县");
        }

        return new FairnessPoints(points, reasons);
    }
}

/// <summary>Fairness points of a county and the reasons (省财政直管县, 革命老区, not a top-100 county).</summary>
public sealed record FairnessPoints(double Points, IReadOnlyList<string> Reasons)
{
    /// <summary>No fairness points.</summary>
    public static readonly FairnessPoints None = new(0, []);

    /// <summary>A weaker county in the cockpit's sense: 省财政直管县 or 革命老区 (not merely outside the top 100, which most counties are).</summary>
    public bool Weaker => Reasons.Any(r => r.StartsWith("省财政直管县", StringComparison.Ordinal) || r == "革命老区");
}
