namespace Matching.Domain.Industries;

/// <summary>
/// The reviewed table that turns free Chinese industry phrases (as zones, clusters and officers write
/// them: 装备制造, 新能源汽车, 光伏) into GB/T 4754 codes.
/// </summary>
public sealed class IndustryPhrasebook
{
    // Separators used in the catalogue's 主导产业 column and in what officers type.
    private static readonly char[] Separators = ['、', '，', ',', ';', '；', '/', '／', ' ', '　'];

    private readonly Dictionary<string, IReadOnlyList<IndustryCode>> _phrases;

    /// <summary>Builds the phrasebook from phrase/code rows.</summary>
    public IndustryPhrasebook(IEnumerable<KeyValuePair<string, IReadOnlyList<IndustryCode>>> phrases) =>
        _phrases = phrases.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>Number of phrases.</summary>
    public int Count => _phrases.Count;

    /// <summary>Every phrase and its codes.</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyList<IndustryCode>>> Entries => _phrases;

    /// <summary>Splits a free list such as <c>机械、化工、纺织</c> into its phrases.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The codes of one phrase, or an empty list when the phrase is not in the table.</summary>
    public IReadOnlyList<IndustryCode> Lookup(string phrase) =>
        _phrases.TryGetValue(phrase.Trim(), out var codes) ? codes : [];

    /// <summary>
    /// The codes for what an officer typed: the phrase itself when the table has it, otherwise the
    /// longest table phrases it contains (新能源汽车整车 → 新能源汽车), otherwise nothing. The most specific
    /// phrase comes first: Chinese compounds put their head last, so the phrase ending last names what the
    /// thing is (新能源汽车零部件 is a 汽车零部件 → 3670 before 新能源汽车's 3612).
    /// </summary>
    public IReadOnlyList<IndustryCode> Find(string text)
    {
        var exact = Lookup(text);
        if (exact.Count > 0) return exact;
        var q = text.Trim();
        var contained = _phrases.Keys
            .Where(p => p.Length >= 2 && q.Contains(p, StringComparison.Ordinal))
            .OrderByDescending(p => p.Length)
            .ThenBy(p => p, StringComparer.Ordinal)
            .ToArray();
        // Keep only phrases not inside a longer one found (汽车 inside 新能源汽车 adds nothing).
        var kept = contained
            .Where(p => !contained.Any(longer => longer.Length > p.Length && longer.Contains(p, StringComparison.Ordinal)))
            .OrderByDescending(p => q.LastIndexOf(p, StringComparison.Ordinal) + p.Length)
            .ThenByDescending(p => p.Length)
            .ThenBy(p => p, StringComparer.Ordinal);
        return kept.SelectMany(p => _phrases[p]).Distinct().ToArray();
    }

    /// <summary>
    /// The distinct codes of every phrase in a free list; phrases the table lacks are returned in
    /// <paramref name="unmapped"/> so that callers can report them rather than drop them.
    /// </summary>
    public IReadOnlyList<IndustryCode> Normalise(string? text, out IReadOnlyList<string> unmapped)
    {
        var codes = new List<IndustryCode>();
        var missing = new List<string>();
        foreach (var phrase in Split(text))
        {
            var found = Lookup(phrase);
            if (found.Count == 0) missing.Add(phrase);
            foreach (var code in found)
            {
                if (!codes.Contains(code)) codes.Add(code);
            }
        }

        unmapped = missing;
        return codes;
    }
}
