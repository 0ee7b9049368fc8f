using Matching.Domain.Compliance;

namespace Matching.Seeds;

/// <summary>
/// Reads the fair-competition rule set from <c>seeds/rules/fair-competition.json</c>. Kept apart from
/// <see cref="ShandongSeeds"/> on purpose: the rule set is not grain state, so a new rule version must
/// not change the seed fingerprint and trigger a reseed of every county and park.
/// </summary>
public static class FairCompetitionRules
{
    /// <summary>The rule file's path inside the seed folder.</summary>
    public const string RelativePath = "rules/fair-competition.json";

    /// <summary>Reads and checks the rule set of a seed folder laid out as the repository's <c>seeds/</c>.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or a rule cannot be evaluated.</exception>
    public static RuleBook Load(string seedRoot) => RuleFiles.Load(seedRoot, RelativePath, RuleBook.Parse);
}
