using Matching.Domain.Validation;

namespace Matching.Domain.Compliance;

/// <summary>A rule a bid breaks: the bid is rejected and the message is shown beside <see cref="Field"/>.</summary>
/// <param name="RuleId">The rule broken.</param>
/// <param name="RuleTitle">Its title.</param>
/// <param name="Field">JSON path of the offending field (<c>note</c>, <c>commitments</c>, <c>landPrice</c>, <c>localChainPartners[0]</c> …).</param>
/// <param name="Message">Chinese message naming the rule and quoting what was written.</param>
/// <param name="Phrases">The offending passages as written, for highlighting (empty for figures).</param>
public sealed record Violation(string RuleId, string RuleTitle, string Field, string Message, IReadOnlyList<string> Phrases);

/// <summary>Something the coordinator must see or act on; it travels with the bid and does not reject it.</summary>
/// <param name="RuleId">The rule raising it.</param>
/// <param name="RuleTitle">Its title.</param>
/// <param name="Message">Chinese message.</param>
/// <param name="CountyToNotify">Adcode of a county that must be notified, when the flag calls for it.</param>
public sealed record ComplianceFlag(string RuleId, string RuleTitle, string Message, string? CountyToNotify);

/// <summary>The firewall's answer for one bid: every rule broken (not just the first) and every flag.</summary>
/// <param name="RuleBookVersion">Version of the rule set applied, so that a decision records what it was checked against.</param>
/// <param name="Violations">Rules broken, in rule order then field order.</param>
/// <param name="Flags">Flags for the coordinator.</param>
public sealed record FirewallVerdict(string RuleBookVersion, IReadOnlyList<Violation> Violations, IReadOnlyList<ComplianceFlag> Flags)
{
    /// <summary>True when any rule is broken: the bid must not be recorded.</summary>
    public bool IsRejected => Violations.Count > 0;

    /// <summary>The violations as field errors, for a ProblemDetails' <c>errors</c> member.</summary>
    public FieldErrors ToFieldErrors()
    {
        var errors = new FieldErrors();
        foreach (var violation in Violations) errors.Add(violation.Field, violation.Message);
        return errors;
    }
}
