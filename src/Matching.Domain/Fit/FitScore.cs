using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Domain.Parks;

namespace Matching.Domain.Fit;

/// <summary>One factor of a fit score: its points and the reason in words (Chinese, shown as written).</summary>
public sealed record FitFactor(string Name, double Points, string Reason);

/// <summary>A county that fits a project: total score, the park it would use, and why.</summary>
public sealed record FitScore(string Adcode, string CountyName, Park? BestPark, double Score, IReadOnlyList<FitFactor> Factors);

/// <summary>A county that cannot take the project, with every reason why not.</summary>
public sealed record Exclusion(string Adcode, string CountyName, IReadOnlyList<string> Reasons);

/// <summary>A county with its parks, as the scoring model reads it.</summary>
/// <remarks>
/// <c>ExtraEvidence</c>: evidence beyond the county's reference evidence (its rosters, its awards), added by whoever
/// builds the candidate; <c>Hidden</c> names subjects left out (leave-one-out benchmarks, what-ifs).
/// </remarks>
public sealed record Candidate(County County, IReadOnlyList<Park> Parks, IReadOnlyList<EvidenceItem>? ExtraEvidence = null, string? Hidden = null)
{
    /// <summary>Every evidence item the model reads for the county.</summary>
    public IReadOnlyList<EvidenceItem> Evidence => County.Reference.EvidenceItems
        .Concat(County.DeclaredItems.Select(d => d.Modelled).OfType<EvidenceItem>())
        .Concat(ExtraEvidence ?? [])
        .Where(e => Hidden is null || e.Subject != Hidden)
        .ToArray();

    /// <summary>Adcode.</summary>
    public string Adcode => County.Adcode;

    /// <summary>Available land of the largest park, 亩.</summary>
    public decimal MaxParkLandMu => Parks.Count == 0 ? 0 : Parks.Max(p => p.Profile.AvailableLandMu.InForce);
}

/// <summary>The outcome of scoring one county for one project: a fit or an exclusion.</summary>
public sealed record CountyAssessment(FitScore? Fit, Exclusion? Exclusion);
