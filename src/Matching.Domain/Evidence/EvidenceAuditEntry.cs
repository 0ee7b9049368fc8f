namespace Matching.Domain.Evidence;

/// <summary>What happened to a declared item.</summary>
public enum EvidenceAction
{
    /// <summary>The county declared it.</summary>
    Declared,
    /// <summary>A coordinator verified it.</summary>
    Verified,
    /// <summary>A coordinator rejected it.</summary>
    Rejected,
    /// <summary>A newer roster replaced it.</summary>
    Replaced,
    /// <summary>The platform recorded it from an outcome (a confirmed 签约), verified by the confirming coordinator.</summary>
    Recorded,
    /// <summary>A coordinator set a figure directly, in force at once (any pending declaration of it is superseded).</summary>
    Set,
    /// <summary>The county set a figure back to the value in force, withdrawing its pending declaration.</summary>
    Withdrawn,
    /// <summary>A coordinator placed a park of the holding list (no county in the catalogue) into a county.</summary>
    Placed,
    /// <summary>A coordinator moved a placed park into another county, or back to the holding list, with a reason.</summary>
    Moved,
}

/// <summary>One line of a county's evidence audit trail (appended, a row each, never edited).</summary>
/// <param name="Sequence">Its place in the county's trail (1, 2, …).</param>
/// <param name="ItemId">The declared item it concerns.</param>
/// <param name="Action">What happened.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="At">When.</param>
/// <param name="Statement">The item's statement at the time.</param>
/// <param name="Note">The reviewer's note, if any.</param>
public sealed record EvidenceAuditEntry(long Sequence, string ItemId, EvidenceAction Action, string Actor, DateTimeOffset At, string Statement, string? Note = null);
