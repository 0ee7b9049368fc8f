namespace Matching.Domain.Evidence;

/// <summary>Where a county's declared evidence item stands with the coordinators.</summary>
public enum EvidenceStatus
{
    /// <summary>Declared by the county (自报), not yet reviewed: weighed at the self-declared share.</summary>
    SelfDeclared,
    /// <summary>A coordinator verified it (已核实): full weight.</summary>
    Verified,
    /// <summary>A coordinator rejected it (不予采信): kept for the record, never weighed.</summary>
    Rejected,
}

/// <summary>A coordinator's review of a declared item.</summary>
/// <param name="By">The coordinator's account.</param>
/// <param name="At">When.</param>
/// <param name="Note">What they checked or why they rejected it.</param>
public sealed record EvidenceReview(string By, DateTimeOffset At, string? Note);

/// <summary>
/// An evidence item a county declared (by hand or from its roster), with who declared it and where its
/// review stands. The model reads <see cref="Modelled"/>: verified items at full weight, self-declared
/// ones at a share, rejected ones not at all.
/// </summary>
/// <param name="Id">Stable id within the county (what a coordinator verifies or rejects).</param>
/// <param name="Item">What it says, with its source and year.</param>
/// <param name="Status">Its review status.</param>
/// <param name="DeclaredBy">The account that declared it.</param>
/// <param name="DeclaredAt">When.</param>
/// <param name="Review">The review, once there is one.</param>
public sealed record DeclaredEvidence(
    string Id,
    EvidenceItem Item,
    EvidenceStatus Status,
    string DeclaredBy,
    DateTimeOffset DeclaredAt,
    EvidenceReview? Review = null)
{
    /// <summary>Most declared items a county holds at once (a roster is one item per GB/T class it names).</summary>
    public const int MaxPerCounty = 400;

    /// <summary>The item as the model weighs it, or null when rejected.</summary>
    public EvidenceItem? Modelled => Status == EvidenceStatus.Rejected
        ? null
        : Item with { SelfDeclared = true, Verified = Status == EvidenceStatus.Verified };
}
