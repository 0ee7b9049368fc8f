using System.Text.Json;
using System.Text.Json.Serialization;

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

/// <summary>One fair-competition rule, in force from <see cref="EffectiveFrom"/> through <see cref="EffectiveTo"/>.</summary>
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
    RuleParameters Parameters)
{
    /// <summary>True when the rule applies on the date.</summary>
    public bool IsInForce(DateOnly date) => EffectiveFrom <= date && (EffectiveTo is null || date <= EffectiveTo);
}

/// <summary>
/// The versioned set of fair-competition rules (<c>seeds/rules/fair-competition.json</c>). Rules are data
/// with effective dates, not code, because the national list of allowed and forbidden practices is still
/// being drafted: a new version of the file changes what the firewall enforces without a release.
/// </summary>
public sealed record RuleBook
{
    private static readonly JsonSerializerOptions ReadOptions = CreateReadOptions();

    /// <summary>Reviewer's note kept with the file.</summary>
    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    /// <summary>Version of the set, recorded with every verdict.</summary>
    public required string Version { get; init; }

    /// <summary>The day this version of the set was adopted.</summary>
    public required DateOnly EffectiveFrom { get; init; }

    /// <summary>The regulations the set implements.</summary>
    public required string Source { get; init; }

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

    /// <summary>Every rule of every period, in the order verdicts report them.</summary>
    public required IReadOnlyList<FairCompetitionRule> Rules { get; init; }

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
    /// <exception cref="InvalidDataException">The JSON is malformed, names unknown members or kinds, or fails <see cref="Problems"/>.</exception>
    public static RuleBook Parse(string json)
    {
        RuleBook? book;
        try
        {
            book = JsonSerializer.Deserialize<RuleBook>(json, ReadOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Rule set is not valid: {e.Message} (at {e.Path})", e);
        }

        if (book is null) throw new InvalidDataException("Rule set is empty.");
        var problems = book.Problems();
        if (problems.Count > 0) throw new InvalidDataException("Rule set is not valid: " + string.Join(" ", problems));
        return book;
    }

    /// <summary>
    /// What is wrong with the set: a rule the firewall could not evaluate must stop loading rather than be
    /// silently skipped, since a skipped rule lets a forbidden offer through.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Version)) problems.Add("version is empty.");
        if (string.IsNullOrWhiteSpace(Source)) problems.Add("source is empty.");
        if (Rules is null || Rules.Count == 0)
        {
            problems.Add("rules is empty.");
            return problems;
        }

        foreach (var (key, value) in CharacterVariants)
        {
            if (key.Length != 1 || value.Length != 1)
                problems.Add($"characterVariants: “{key}” → “{value}” must map one character to one character.");
        }

        foreach (var negation in Negations)
        {
            if (PhraseMatcher.Normalise(negation, CharacterVariants).Length < 2)
                problems.Add($"negations: “{negation}” must have at least two characters (see the documentation of negations).");
        }

        foreach (var word in DoubleNegatives)
        {
            if (PhraseMatcher.Normalise(word, CharacterVariants).Length == 0) problems.Add($"doubleNegatives: “{word}” is empty after normalisation.");
        }

        foreach (var rule in Rules)
        {
            var at = $"rule {rule.Id}:";
            if (string.IsNullOrWhiteSpace(rule.Id)) problems.Add("a rule has no id.");
            if (string.IsNullOrWhiteSpace(rule.Title)) problems.Add($"{at} title is empty.");
            if (string.IsNullOrWhiteSpace(rule.Text)) problems.Add($"{at} text is empty.");
            if (string.IsNullOrWhiteSpace(rule.Source)) problems.Add($"{at} source is empty.");
            if (rule.EffectiveTo < rule.EffectiveFrom) problems.Add($"{at} effectiveTo is before effectiveFrom.");
            if (!Enum.IsDefined(rule.Kind)) problems.Add($"{at} unknown kind.");
            if (rule.Parameters is null)
            {
                problems.Add($"{at} parameters are missing.");
                continue;
            }

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
        }

        foreach (var versions in Rules.Where(r => !string.IsNullOrWhiteSpace(r.Id)).GroupBy(r => r.Id, StringComparer.Ordinal))
        {
            var ordered = versions.OrderBy(r => r.EffectiveFrom).ToArray();
            if (ordered.Select(r => r.Kind).Distinct().Count() > 1)
                problems.Add($"rule {versions.Key}: its versions have different kinds.");
            for (var i = 1; i < ordered.Length; i++)
            {
                if (ordered[i - 1].EffectiveTo is not { } end || end >= ordered[i].EffectiveFrom)
                    problems.Add($"rule {versions.Key}: versions from {ordered[i - 1].EffectiveFrom:yyyy-MM-dd} and {ordered[i].EffectiveFrom:yyyy-MM-dd} overlap.");
            }
        }

        return problems;
    }

    private static JsonSerializerOptions CreateReadOptions()
    {
        var options = new JsonSerializerOptions(MatchingJson.Options)
        {
            // A misspelt member (effectiveTo as effectivTo) would otherwise keep a repealed rule in force.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
