using Matching.Domain.Industries;

namespace Matching.Search;

/// <summary>
/// How industry codes are indexed and matched by every engine: a code is indexed together with all its
/// ancestors (3612 → 3612, 361, 36, C), and a query adds a constant boost for each shared token, by
/// level. Relevance is therefore a plain sum that both engines compute identically.
/// </summary>
public static class IndustryTokens
{
    /// <summary>Boost of a shared token by its level.</summary>
    public static float Boost(IndustryLevel level) => level switch
    {
        IndustryLevel.Class => 8,
        IndustryLevel.Group => 4,
        IndustryLevel.Division => 2,
        _ => 1,
    };

    /// <summary>The code and its ancestors.</summary>
    public static IEnumerable<IndustryCode> Expand(IndustryCode code)
    {
        for (IndustryCode? c = code; c is { } current; c = current.Parent) yield return current;
    }

    /// <summary>The distinct tokens of several codes.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<IndustryCode> codes) =>
        codes.SelectMany(Expand).Select(c => c.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The relevance both engines must return: sum of the boosts of <paramref name="query"/>'s tokens found in <paramref name="indexed"/>.</summary>
    public static double Relevance(IEnumerable<string> query, IReadOnlySet<string> indexed) =>
        query.Distinct(StringComparer.Ordinal).Where(indexed.Contains).Sum(t => Boost(IndustryCode.Parse(t).Level));
}
