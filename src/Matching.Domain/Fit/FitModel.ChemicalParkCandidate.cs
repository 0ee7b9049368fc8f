using Matching.Domain.Projects;

namespace Matching.Domain.Fit;

public sealed partial class FitModel
{
    /// <summary>
    /// Whether the chemical-park rule admits a county on a likely chemical park alone (化工园区待认定). The seeded list
    /// names 37 of the province's 84 recognised parks, so a county without a listed park may well have one; a zone whose
    /// name or main industries say chemistry is evidence of that, not proof. Such a county is ranked (when the weights
    /// say so) with a reason that the park must be recognised first, rather than excluded for a gap in our list; a
    /// county with neither is excluded, and a coordinator's flag on the park settles it either way.
    /// </summary>
    private bool AdmitsCandidate(CandidateTraits traits) => weights.ChemicalParkCandidates > 0 && traits.ChemicalParkCandidate is not null;

    /// <summary>The factor of a chemical project admitted on a likely chemical park only: its points and the condition it lands under.</summary>
    private void ChemicalParkPending(ProjectDetails project, CandidateTraits traits, Tally factors, bool explain)
    {
        if (traits.ChemicalPark is not null || traits.ChemicalParkCandidate is not { } park) return;
        if (_chemical.Covering(project.IndustryCode) is not { } covering) return;
        var points = weights.ChemicalParkCandidate;
        factors.Add("chemicalPark", points, explain
            ? ReasonText.Start().Append($"化工园区待认定：{project.IndustryCode}（{Name(project.IndustryCode)}）属化工项目（{covering} {Name(covering)}），须进入认定的化工园区；")
                .Append($"本县 {park} 的名称或主导产业含化工，但不在已收录的认定化工园区名单上，须协调员核实认定后方可落地（规则：化工项目入园；{points:+0.#;-0.#;0} 分）").ToString()
            : string.Empty);
    }
}
