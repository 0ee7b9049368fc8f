using Matching.Domain.Escalation;

namespace Matching.Seeds;

/// <summary>
/// Reads the escalation rules from <c>seeds/rules/escalation.json</c>. Like the fair-competition rules,
/// not part of the seed fingerprint: a new version never reseeds counties or parks.
/// </summary>
public static class EscalationRules
{
    /// <summary>The rule file's path inside the seed folder.</summary>
    public const string RelativePath = "rules/escalation.json";

    /// <summary>Reads and checks the escalation rules of a seed folder laid out as the repository's <c>seeds/</c>.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or a rule cannot be applied.</exception>
    public static EscalationRuleBook Load(string seedRoot) => RuleFiles.Load(seedRoot, RelativePath, EscalationRuleBook.Parse);
}
