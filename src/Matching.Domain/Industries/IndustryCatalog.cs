namespace Matching.Domain.Industries;

/// <summary>One line of the GB/T 4754-2017 table.</summary>
/// <param name="Code">The code.</param>
/// <param name="Name">Chinese name (名称).</param>
/// <param name="Description">Chinese description (说明), may be empty.</param>
public sealed record Industry(IndustryCode Code, string Name, string Description)
{
    /// <summary>The level of <see cref="Code"/>.</summary>
    public IndustryLevel Level => Code.Level;
}

/// <summary>
/// The GB/T 4754-2017 classification held in memory: 1,971 lines is small enough that lookups and
/// simple searches need no index.
/// </summary>
public sealed class IndustryCatalog
{
    private readonly Dictionary<string, Industry> _byCode;

    /// <summary>Builds the catalogue from its lines.</summary>
    public IndustryCatalog(IEnumerable<Industry> industries)
    {
        _byCode = industries.ToDictionary(i => i.Code.Value, StringComparer.Ordinal);
        All = _byCode.Values.OrderBy(i => i.Code).ToArray();
    }

    /// <summary>Every line, in code order.</summary>
    public IReadOnlyList<Industry> All { get; }

    /// <summary>The line for a code, or null when the standard does not list it.</summary>
    public Industry? Find(IndustryCode code) => _byCode.GetValueOrDefault(code.Value);

    /// <summary>The line for a code given as text, or null.</summary>
    public Industry? Find(string? code) => IndustryCode.TryParse(code, out var parsed) ? Find(parsed) : null;

    /// <summary>True when the standard lists this code.</summary>
    public bool Contains(IndustryCode code) => _byCode.ContainsKey(code.Value);

    /// <summary>The line and its ancestors, from section down to the code itself.</summary>
    public IReadOnlyList<Industry> Path(IndustryCode code)
    {
        var path = new List<Industry>();
        for (IndustryCode? current = code; current is { } c; current = c.Parent)
        {
            if (Find(c) is { } line) path.Add(line);
        }

        path.Reverse();
        return path;
    }

    /// <summary>The lines directly below a code.</summary>
    public IEnumerable<Industry> Children(IndustryCode code) =>
        All.Where(i => i.Code.Parent is { } parent && parent == code);

    /// <summary>
    /// Lines whose code, name or description matches the text, best first: exact code, exact name,
    /// name prefix, name contains, description contains; deeper (more specific) lines first within a rank.
    /// </summary>
    /// <remarks>
    /// When no line contains the text, lines are ranked by the Chinese character pairs (bigrams) they
    /// share with it, names counting double, so that 新能源汽车整车 still finds 新能源车整车制造.
    /// </remarks>
    public IReadOnlyList<Industry> Search(string text, int limit)
    {
        var q = text.Trim();
        if (q.Length == 0) return [];
        var ranked = All.Select(i => (Industry: i, Rank: (double)Rank(i, q))).Where(x => x.Rank > 0).ToList();
        if (ranked.Count == 0)
        {
            var pairs = Bigrams(q);
            ranked = All
                .Select(i => (Industry: i, Rank: Overlap(pairs, i)))
                .Where(x => x.Rank >= Math.Max(1, pairs.Count / 2.0))
                .ToList();
        }

        return ranked
            .OrderByDescending(x => x.Rank)
            .ThenByDescending(x => x.Industry.Level)
            .ThenBy(x => x.Industry.Code)
            .Take(limit)
            .Select(x => x.Industry)
            .ToArray();
    }

    private static HashSet<string> Bigrams(string text)
    {
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsLetterOrDigit(text[i]) && char.IsLetterOrDigit(text[i + 1])) pairs.Add(text.Substring(i, 2));
        }

        return pairs;
    }

    private static double Overlap(HashSet<string> pairs, Industry industry) =>
        pairs.Count(p => industry.Name.Contains(p, StringComparison.Ordinal)) * 2
        + pairs.Count(p => industry.Description.Contains(p, StringComparison.Ordinal)) * 0.5;

    private static int Rank(Industry industry, string q)
    {
        if (string.Equals(industry.Code.Value, q, StringComparison.OrdinalIgnoreCase)) return 100;
        if (industry.Name == q) return 90;
        if (industry.Name.StartsWith(q, StringComparison.Ordinal)) return 70;
        if (industry.Name.Contains(q, StringComparison.Ordinal)) return 50;
        if (industry.Description.Contains(q, StringComparison.Ordinal)) return 20;
        return 0;
    }
}
