using System.Text;
using Matching.Domain.Evidence;
using Matching.Domain.Projects;

namespace Matching.Domain.Fit;

public sealed partial class FitModel
{
    /// <summary>
    /// Whether an item counts as evidence for the counties around it: listed companies and featured clusters only. Zone
    /// main industries are catalogue phrases nearly every county has, chemical parks are a rule of their own, logistics
    /// hubs are city-level already, and a county's own declarations and awards speak for that county alone.
    /// </summary>
    internal static bool Spills(EvidenceKind kind) => kind is EvidenceKind.ListedCompany or EvidenceKind.FeaturedCluster;

    /// <summary>
    /// The weight of a county's own evidence that spills over to its neighbours and prefecture (items of the kinds that
    /// spill, at their deepest level shared with the project), and how many listed companies and clusters that is: one
    /// pass serves both the points and the explanation.
    /// </summary>
    private (double Mass, int Listed, int Clusters) Spilling(ProjectDetails project, CandidateTraits traits, int asOfYear)
    {
        var (mass, listed, clusters) = (0d, 0, 0);
        foreach (var item in traits.IndustryEvidence)
        {
            if (!Spills(item.Kind)) continue;
            var weight = Weigh(item, Shared(project.IndustryCode, item), asOfYear);
            if (weight <= 0) continue;
            mass += weight;
            if (item.Kind == EvidenceKind.ListedCompany) listed++;
            else clusters++;
        }

        return (mass, listed, clusters);
    }

    /// <summary>The points of a nearby evidence mass (neighbours' and the prefecture's, already at their shares).</summary>
    internal double SpilloverPoints(double mass) =>
        mass > 0 ? Round(weights.SpilloverMax * (1 - Math.Exp(-mass / Math.Max(weights.SpilloverScale, 0.01)))) : 0;

    /// <summary>
    /// Industry nearby: industries cluster across county borders, so the project's industry in the neighbouring counties
    /// (and, weaker, elsewhere in the prefecture) is evidence that suppliers, skilled labour and services are within reach.
    /// </summary>
    private void Spillover(ProjectDetails project, Candidate candidate, MatchingSnapshot snapshot, Tally factors, bool explain)
    {
        if (weights.SpilloverMax <= 0) return;
        // Nothing anywhere under the project's division (most projects of a national set): no county's neighbours to read.
        if (snapshot.IndexFor(weights.ParkIndustryStrength).EvidenceUnder(Facts(project).Division).Count == 0) return;
        var asOf = snapshot.AsOfYear;
        var neighbourMass = 0d;
        var neighbours = snapshot.NeighboursOf(candidate);
        // What each neighbour holds, kept for the explanation rather than weighed again (a county has at most a dozen).
        Span<(double Mass, int Listed, int Clusters)> held = explain ? stackalloc (double, int, int)[Math.Min(neighbours.Length, 32)] : default;
        for (var k = 0; k < neighbours.Length; k++)
        {
            var spilling = Spilling(project, snapshot.TraitsOf(neighbours[k]), asOf);
            neighbourMass += spilling.Mass;
            if (k < held.Length) held[k] = spilling;
        }

        var prefectureMass = 0d;
        var (prefectureListed, prefectureClusters) = (0, 0);
        var own = candidate.County.Reference;
        foreach (var other in snapshot.PrefectureOf(candidate))
        {
            if (other.Adcode == own.Adcode || Contains(own.Neighbours, other.Adcode)) continue;
            var spilling = Spilling(project, snapshot.TraitsOf(other), asOf);
            prefectureMass += spilling.Mass;
            (prefectureListed, prefectureClusters) = (prefectureListed + spilling.Listed, prefectureClusters + spilling.Clusters);
        }

        var mass = weights.SpilloverNeighbourShare * neighbourMass + weights.SpilloverPrefectureShare * prefectureMass;
        var points = SpilloverPoints(mass);
        if (points <= 0) return;
        if (!explain)
        {
            factors.Add("spillover", points, string.Empty);
            return;
        }

        var division = Facts(project).Division;
        var text = ReasonText.Start().Append("周边集聚：");
        var first = true;
        if (weights.SpilloverNeighbourShare > 0 && neighbourMass > 0)
        {
            text.Append("相邻县区 ");
            var shown = 0;
            for (var k = 0; k < neighbours.Length; k++)
            {
                var spilling = k < held.Length ? held[k] : Spilling(project, snapshot.TraitsOf(neighbours[k]), asOf);
                if (spilling.Mass <= 0) continue;
                if (shown == 3)
                {
                    text.Append(" 等");
                    break;
                }

                text.AppendSeparated(ref first, "，").Append(neighbours[k].County.Reference.Name).Append(" 有 ");
                AppendCounts(text, spilling.Listed, spilling.Clusters);
                shown++;
            }

            text.Append($"（按 {100 * weights.SpilloverNeighbourShare:0}% 计）");
        }

        if (weights.SpilloverPrefectureShare > 0 && prefectureMass > 0)
        {
            if (neighbourMass > 0 && weights.SpilloverNeighbourShare > 0) text.Append('；');
            text.Append($"{own.PrefectureName}其他县区 ");
            AppendCounts(text, prefectureListed, prefectureClusters);
            text.Append($"（按 {100 * weights.SpilloverPrefectureShare:0}% 计）");
        }

        text.Append($"；均为大类 {division}（{Name(Industries.IndustryCode.Parse(division))}）及其细类的证据（折合证据权重 {mass:0.##}，+{points:0.#} 分，满分 {weights.SpilloverMax:0.#} 分）");
        factors.Add("spillover", points, text.ToString());
    }

    private static void AppendCounts(StringBuilder text, int listed, int clusters)
    {
        if (listed > 0) text.Append($"{listed} 家上市公司");
        if (listed > 0 && clusters > 0) text.Append('、');
        if (clusters > 0) text.Append($"{clusters} 个省级特色产业集群");
    }

    private static bool Contains(IReadOnlyList<string> adcodes, string adcode)
    {
        foreach (var a in adcodes) if (a == adcode) return true;
        return false;
    }
}
