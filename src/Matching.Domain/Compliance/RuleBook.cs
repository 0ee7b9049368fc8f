using Matching.Domain.Rules;

namespace Matching.Domain.Compliance;

/// <summary>What a fair-competition rule checks, and therefore which parameters it reads.</summary>
public enum RuleKind
{
    /// <summary>Phrases that offer money tied to taxes, land or rent; found in any free text, they reject the bid.</summary>
    BannedPhrase,
    /// <summary>Land must be priced at or above the county's minimum industrial land price.</summary>
    LandPriceFloor,
    /// <summary>Phrases that make support conditional on registering, paying tax or reporting statistics locally.</summary>
    LocalRegistrationCondition,
    /// <summary>An investor already operating in another county of the province: flag the move and notify that county.</summary>
    RelocationNotice,
}

/// <summary>
/// Parameters of a rule. One shape for every kind (each kind reads its own members) so that the rule file
/// stays flat and <c>GET /api/rules</c> can serve it as stored.
/// </summary>
public sealed record RuleParameters
{
    /// <summary>
    /// Phrase patterns (<see cref="RuleKind.BannedPhrase"/>, <see cref="RuleKind.LocalRegistrationCondition"/>).
    /// Matched after normalisation (width, punctuation, spaces, listed character variants); <c>…</c> stands
    /// for up to <see cref="MaxGap"/> other characters, e.g. <c>按纳税…奖励</c>.
    /// </summary>
    public IReadOnlyList<string>? Phrases { get; init; }

    /// <summary>Characters a <c>…</c> may stand for (default 6).</summary>
    public int? MaxGap { get; init; }

    /// <summary>Lawful phrases that contain a pattern; a match lying inside one of them is not a violation.</summary>
    public IReadOnlyList<string>? Exceptions { get; init; }

    /// <summary>The national grades' minimum prices in 元 per m², grade 1 first (<see cref="RuleKind.LandPriceFloor"/>).</summary>
    public IReadOnlyList<decimal>? GradesYuanPerSquareMetre { get; init; }

    /// <summary>Adcode prefix of the province whose counties are notified (<see cref="RuleKind.RelocationNotice"/>; default 37).</summary>
    public string? ProvincePrefix { get; init; }
}

/// <summary>One fair-competition rule, in force from <see cref="VersionedRule{TKind, TParameters}.EffectiveFrom"/> through <see cref="VersionedRule{TKind, TParameters}.EffectiveTo"/>.</summary>
/// <param name="Id">Stable identifier; several versions of a rule share it with non-overlapping periods.</param>
/// <param name="Kind">What the rule checks.</param>
/// <param name="Title">Short name shown to officials (Chinese).</param>
/// <param name="Text">What the rule requires (Chinese).</param>
/// <param name="Source">Regulation and article it implements.</param>
/// <param name="EffectiveFrom">First day in force.</param>
/// <param name="EffectiveTo">Last day in force (inclusive), or null while in force.</param>
/// <param name="Parameters">Kind-specific data.</param>
public sealed record FairCompetitionRule(
    string Id,
    RuleKind Kind,
    string Title,
    string Text,
    string Source,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    RuleParameters Parameters) : VersionedRule<RuleKind, RuleParameters>(Id, Kind, Title, Text, Source, EffectiveFrom, EffectiveTo, Parameters);

/// <summary>
/// The versioned set of fair-competition rules (<c>seeds/rules/fair-competition.json</c>). Rules are data
/// with effective dates, not code, because the national list of allowed and forbidden practices is still
/// being drafted: a new version of the file changes what the firewall enforces without a release.
/// </summary>
public sealed record RuleBook : VersionedRuleSet<FairCompetitionRule, RuleKind, RuleParameters>
{
    /// <summary>
    /// Words that, directly before a phrase and in the same clause, state the practice is absent
    /// (不搞税收返还, 不要求在本地注册). Deliberately multi-character: a bare 不 would also excuse
    /// 不在本地注册的不予支持, which is exactly the condition the rules forbid.
    /// </summary>
    public IReadOnlyList<string> Negations { get; init; } = [];

    /// <summary>
    /// Words that, at most two characters before a negation and in the same clause, negate it again:
    /// 并非不提供税收返还 offers what 不提供税收返还 denies, so the negation excuses nothing.
    /// </summary>
    public IReadOnlyList<string> DoubleNegatives { get; init; } = [];

    /// <summary>Single characters read as another before matching (traditional → simplified, look-alikes).</summary>
    public IReadOnlyDictionary<string, string> CharacterVariants { get; init; } = new Dictionary<string, string>();

    /// <summary>The rules that apply on a date.</summary>
    public IReadOnlyList<FairCompetitionRule> InForce(DateOnly date) => Rules.Where(r => r.IsInForce(date)).ToArray();

    /// <summary>
    /// The national minimum price of industrial land of a grade, in 万元 per 亩, under the land-price rule in
    /// force on the date: the figure a county's editable floor is seeded from once its grade is known.
    /// </summary>
    /// <param name="grade">1 (dearest) to the number of grades (15 in the 2006 standard).</param>
    /// <param name="date">The day the floor applies.</param>
    public decimal MinimumLandPrice(int grade, DateOnly date)
    {
        var rule = InForce(date).FirstOrDefault(r => r.Kind == RuleKind.LandPriceFloor)
            ?? throw new InvalidOperationException($"No land-price rule is in force on {date:yyyy-MM-dd}.");
        var grades = rule.Parameters.GradesYuanPerSquareMetre!;
        if (grade < 1 || grade > grades.Count)
            throw new ArgumentOutOfRangeException(nameof(grade), grade, $"Grades run from 1 to {grades.Count}.");
        return IndustrialLandPrice.WanYuanPerMu(grades[grade - 1]);
    }

    /// <summary>Reads and checks a rule file's text.</summary>
    /// <exception cref="InvalidDataException">The JSON is malformed, names unknown members or kinds, or fails <see cref="VersionedRuleSet{TRule, TKind, TParameters}.Problems"/>.</exception>
    public static RuleBook Parse(string json) => Parse<RuleBook>(json, "Rule set is not valid", "Rule set is empty.");

    // What is wrong with the set: a rule the firewall could not evaluate must stop loading rather than be
    // silently skipped, since a skipped rule lets a forbidden offer through.
    protected override IEnumerable<string> SetProblems()
    {
        foreach (var (key, value) in CharacterVariants)
        {
            if (key.Length != 1 || value.Length != 1)
                yield return $"characterVariants: “{key}” → “{value}” must map one character to one character.";
        }

        foreach (var negation in Negations)
        {
            if (PhraseMatcher.Normalise(negation, CharacterVariants).Length < 2)
                yield return $"negations: “{negation}” must have at least two characters (see the documentation of negations).";
        }

        foreach (var word in DoubleNegatives)
        {
            if (PhraseMatcher.Normalise(word, CharacterVariants).Length == 0) yield return $"doubleNegatives: “{word}” is empty after normalisation.";
        }
    }

    protected override IEnumerable<string> RuleProblems(FairCompetitionRule rule, string at)
    {
        var problems = new List<string>();
        switch (rule.Kind)
        {
            case RuleKind.BannedPhrase or RuleKind.LocalRegistrationCondition:
                if (rule.Parameters.Phrases is not { Count: > 0 } phrases) problems.Add($"{at} phrases are missing.");
                else problems.AddRange(phrases.Where(p => !PhraseMatcher.IsPattern(p, CharacterVariants)).Select(p => $"{at} “{p}” has an empty part."));
                if (rule.Parameters.MaxGap is < 0 or > 30) problems.Add($"{at} maxGap must be between 0 and 30.");
                break;
            case RuleKind.LandPriceFloor:
                var grades = rule.Parameters.GradesYuanPerSquareMetre;
                if (grades is not { Count: > 0 }) problems.Add($"{at} gradesYuanPerSquareMetre is missing.");
                else if (grades.Any(g => g <= 0) || grades.Zip(grades.Skip(1)).Any(p => p.First <= p.Second))
                    problems.Add($"{at} grades must be positive and fall from grade 1 to the last.");
                break;
            case RuleKind.RelocationNotice:
                if (rule.Parameters.ProvincePrefix is { } prefix && (prefix.Length is 0 or > 6 || !prefix.All(char.IsAsciiDigit)))
                    problems.Add($"{at} provincePrefix must be the leading digits of an adcode.");
                break;
        }

        return problems;
    }

    // Versions of one rule share its id and follow each other.
    protected override IEnumerable<string> PeriodProblems()
    {
        var problems = new List<string>();
        foreach (var versions in Rules.Where(r => !string.IsNullOrWhiteSpace(r.Id)).GroupBy(r => r.Id, StringComparer.Ordinal))
        {
            if (versions.Select(r => r.Kind).Distinct().Count() > 1) problems.Add($"rule {versions.Key}: its versions have different kinds.");
        }

        problems.AddRange(Overlapping(r => r.Id).Where(p => !string.IsNullOrWhiteSpace(p.Earlier.Id))
            .Select(p => $"rule {p.Earlier.Id}: versions from {p.Earlier.EffectiveFrom:yyyy-MM-dd} and {p.Later.EffectiveFrom:yyyy-MM-dd} overlap."));
        return problems;
    }
}
