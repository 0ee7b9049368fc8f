using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matching.Domain.Rules;

/// <summary>
/// One rule of a versioned rule set, in force from <see cref="EffectiveFrom"/> through <see cref="EffectiveTo"/>:
/// the shape the fair-competition rules and the escalation rules share.
/// </summary>
/// <typeparam name="TKind">What the rule looks at (each kind reads its own parameters).</typeparam>
/// <typeparam name="TParameters">The rules' one flat parameter shape.</typeparam>
/// <param name="Id">Stable identifier.</param>
/// <param name="Kind">What the rule checks or decides.</param>
/// <param name="Title">Short name shown to officials (Chinese).</param>
/// <param name="Text">What the rule says (Chinese).</param>
/// <param name="Source">Regulation, article or precedent it implements.</param>
/// <param name="EffectiveFrom">First day in force.</param>
/// <param name="EffectiveTo">Last day in force (inclusive), or null while in force.</param>
/// <param name="Parameters">Kind-specific data.</param>
public abstract record VersionedRule<TKind, TParameters>(
    string Id,
    TKind Kind,
    string Title,
    string Text,
    string Source,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    TParameters Parameters)
    where TKind : struct, Enum
{
    /// <summary>True when the rule applies on the date.</summary>
    public bool IsInForce(DateOnly date) => EffectiveFrom <= date && (EffectiveTo is null || date <= EffectiveTo);
}

/// <summary>
/// A versioned rule set kept as data in <c>seeds/rules/</c>: a version, the day it was adopted, what it
/// implements and its rules with their effective dates. Parsing refuses unknown members and every problem
/// the set names, since a rule that cannot be applied must stop loading rather than be skipped.
/// </summary>
/// <typeparam name="TRule">The set's rule type.</typeparam>
/// <typeparam name="TKind">Its kinds.</typeparam>
/// <typeparam name="TParameters">Its parameters.</typeparam>
public abstract record VersionedRuleSet<TRule, TKind, TParameters>
    where TRule : VersionedRule<TKind, TParameters>
    where TKind : struct, Enum
    where TParameters : class
{
    private static readonly JsonSerializerOptions ReadOptions = CreateReadOptions();

    /// <summary>Reviewer's note kept with the file.</summary>
    [JsonPropertyName("$comment"), JsonPropertyOrder(-4)]
    public string? Comment { get; init; }

    /// <summary>Version of the set, recorded with everything decided under it.</summary>
    [JsonPropertyOrder(-3)]
    public required string Version { get; init; }

    /// <summary>The day this version of the set was adopted.</summary>
    [JsonPropertyOrder(-2)]
    public required DateOnly EffectiveFrom { get; init; }

    /// <summary>What the set implements.</summary>
    [JsonPropertyOrder(-1)]
    public required string Source { get; init; }

    /// <summary>Every rule of every period.</summary>
    [JsonPropertyOrder(1)]
    public required IReadOnlyList<TRule> Rules { get; init; }

    /// <summary>Whether every rule must say what it requires (<see cref="VersionedRule{TKind, TParameters}.Text"/>).</summary>
    protected virtual bool RequiresText => true;

    /// <summary>What is wrong with the set as a whole, its rules and their periods; empty when it can be applied.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Version)) problems.Add("version is empty.");
        if (string.IsNullOrWhiteSpace(Source)) problems.Add("source is empty.");
        if (Rules is not { Count: > 0 }) return [.. problems, "rules is empty."];
        problems.AddRange(SetProblems());
        foreach (var rule in Rules)
        {
            var at = $"rule {rule.Id}:";
            if (string.IsNullOrWhiteSpace(rule.Id)) problems.Add("a rule has no id.");
            if (string.IsNullOrWhiteSpace(rule.Title)) problems.Add($"{at} title is empty.");
            if (RequiresText && string.IsNullOrWhiteSpace(rule.Text)) problems.Add($"{at} text is empty.");
            if (string.IsNullOrWhiteSpace(rule.Source)) problems.Add($"{at} source is empty.");
            if (rule.EffectiveTo < rule.EffectiveFrom) problems.Add($"{at} effectiveTo is before effectiveFrom.");
            if (!Enum.IsDefined(rule.Kind)) problems.Add($"{at} unknown kind.");
            if (rule.Parameters is null) problems.Add($"{at} parameters are missing.");
            else problems.AddRange(RuleProblems(rule, at));
        }

        problems.AddRange(PeriodProblems());
        return problems;
    }

    /// <summary>Problems of the set's own members beyond the shared ones.</summary>
    protected virtual IEnumerable<string> SetProblems() => [];

    /// <summary>Problems of one rule's parameters for its kind (<paramref name="at"/> prefixes each message).</summary>
    protected abstract IEnumerable<string> RuleProblems(TRule rule, string at);

    /// <summary>Rules that would be in force together where only one may be.</summary>
    protected abstract IEnumerable<string> PeriodProblems();

    /// <summary>Pairs of rules in one group (by <paramref name="group"/>) whose periods overlap, in words.</summary>
    protected IEnumerable<(TRule Earlier, TRule Later)> Overlapping<TKey>(Func<TRule, TKey> group)
    {
        foreach (var rules in Rules.GroupBy(group))
        {
            var ordered = rules.OrderBy(r => r.EffectiveFrom).ToArray();
            for (var i = 1; i < ordered.Length; i++)
            {
                if (ordered[i - 1].EffectiveTo is not { } end || end >= ordered[i].EffectiveFrom) yield return (ordered[i - 1], ordered[i]);
            }
        }
    }

    /// <summary>Reads and checks a rule file's text.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="invalid">How an error message starts (<c>Rule set is not valid</c>).</param>
    /// <param name="empty">The message for a file that holds nothing.</param>
    /// <exception cref="InvalidDataException">Malformed JSON, unknown members or kinds, or a problem <see cref="Problems"/> names.</exception>
    protected static TSet Parse<TSet>(string json, string invalid, string empty) where TSet : VersionedRuleSet<TRule, TKind, TParameters>
    {
        TSet? set;
        try
        {
            set = JsonSerializer.Deserialize<TSet>(json, ReadOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{invalid}: {e.Message} (at {e.Path})", e);
        }

        if (set is null) throw new InvalidDataException(empty);
        var problems = set.Problems();
        if (problems.Count > 0) throw new InvalidDataException($"{invalid}: " + string.Join(" ", problems));
        return set;
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
