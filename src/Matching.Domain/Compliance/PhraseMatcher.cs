using System.Buffers;
using System.Globalization;
using System.Text;

namespace Matching.Domain.Compliance;

/// <summary>
/// Finds a rule's phrase patterns in free text the way an official would read it, not byte for byte:
/// full-width forms, spaces, punctuation, brackets (「」), zero-width characters and listed character
/// variants are ignored, so 税 收「返 还」 and 税收返还 are the same phrase.
/// </summary>
internal sealed class PhraseMatcher
{
    private const char Gap = '…';

    // Clause breaks end a statement: no phrase spans one (返还，土地出让金 is two statements, and a gap
    // must not reach into the next clause), and a negation on the far side of one negates something
    // else. Brackets, quotes, spaces and dots are not breaks: they are what is inserted to dodge a filter.
    private static readonly SearchValues<char> ClauseBreaks = SearchValues.Create("，,。；;！!？?、：:\n\r");

    private readonly string[][] _patterns;
    private readonly string[] _exceptions;
    private readonly string[] _negations;
    private readonly int _maxGap;
    private readonly IReadOnlyDictionary<string, string> _variants;

    public PhraseMatcher(RuleParameters parameters, IReadOnlyList<string> negations, IReadOnlyDictionary<string, string> variants)
    {
        _variants = variants;
        _patterns = (parameters.Phrases ?? []).Select(p => Parts(p, variants)).Where(p => p.Length > 0).ToArray();
        _exceptions = (parameters.Exceptions ?? []).Select(e => Normalise(e, variants)).Where(e => e.Length > 0).ToArray();
        _negations = negations.Select(n => Normalise(n, variants)).Where(n => n.Length > 0).ToArray();
        _maxGap = parameters.MaxGap ?? 6;
    }

    /// <summary>The offending passages of the text as written, in order, each once.</summary>
    public IReadOnlyList<string> Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var folded = Fold(text, _variants);
        var matches = new List<(int Start, int End, bool Excused)>();
        foreach (var parts in _patterns)
        {
            var from = 0;
            while (from < folded.Text.Length && Match(folded.Text, parts, from) is { } match)
            {
                var written = text.AsSpan(folded.Origin[match.Start], folded.OriginEnd[match.End - 1] - folded.Origin[match.Start]);
                if (!written.ContainsAny(ClauseBreaks))
                    matches.Add((match.Start, match.End, IsExcused(folded, text, match.Start, match.End)));
                from = match.Start + 1;
            }
        }

        // A shorter pattern inside a longer match (出让金返还 inside 土地出让金返还, 本地注册 inside an
        // excused 不要求在本地注册) is the same statement: quoted once, and excused with it.
        var excused = matches.Where(m => m.Excused).ToArray();
        var kept = matches.Where(m => !m.Excused && !excused.Any(x => Inside(m, x))).ToArray();
        return kept
            .Where(m => !kept.Any(x => x != m && Inside(m, x) && x.End - x.Start > m.End - m.Start))
            .OrderBy(m => m.Start)
            .Select(m => text[folded.Origin[m.Start]..folded.OriginEnd[m.End - 1]])
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    private static bool Inside((int Start, int End, bool) inner, (int Start, int End, bool) outer) =>
        outer.Start <= inner.Start && inner.End <= outer.End;

    /// <summary>The text as the matcher compares it.</summary>
    public static string Normalise(string text, IReadOnlyDictionary<string, string> variants) => Fold(text, variants).Text;

    /// <summary>True when every part of the pattern keeps at least one character after normalisation.</summary>
    public static bool IsPattern(string pattern, IReadOnlyDictionary<string, string> variants) =>
        pattern.Split(Gap).All(part => Normalise(part, variants).Length > 0);

    private static string[] Parts(string pattern, IReadOnlyDictionary<string, string> variants) =>
        pattern.Split(Gap).Select(p => Normalise(p, variants)).ToArray() is var parts && parts.All(p => p.Length > 0) ? parts : [];

    private (int Start, int End)? Match(string text, string[] parts, int from)
    {
        while (true)
        {
            var start = text.IndexOf(parts[0], from, StringComparison.Ordinal);
            if (start < 0) return null;
            var end = start + parts[0].Length;
            var complete = true;
            for (var i = 1; i < parts.Length && complete; i++)
            {
                var window = Math.Min(_maxGap + parts[i].Length, text.Length - end);
                var next = window < parts[i].Length ? -1 : text.IndexOf(parts[i], end, window, StringComparison.Ordinal);
                if (next < 0) complete = false;
                else end = next + parts[i].Length;
            }

            if (complete) return (start, end);
            from = start + 1;
        }
    }

    private bool IsExcused(Folded folded, string original, int start, int end)
    {
        foreach (var exception in _exceptions)
        {
            // Any occurrence of the lawful phrase that covers the match.
            for (var at = Math.Max(0, end - exception.Length); at <= start; at++)
            {
                if (string.CompareOrdinal(folded.Text, at, exception, 0, exception.Length) == 0 && at + exception.Length >= end)
                    return true;
            }
        }

        foreach (var negation in _negations)
        {
            var at = start - negation.Length;
            if (at < 0 || string.CompareOrdinal(folded.Text, at, negation, 0, negation.Length) != 0) continue;
            var between = original.AsSpan(folded.OriginEnd[start - 1], folded.Origin[start] - folded.OriginEnd[start - 1]);
            if (!between.ContainsAny(ClauseBreaks)) return true;
        }

        return false;
    }

    /// <summary>
    /// NFKC (full-width → half-width, compatibility ideographs → unified), lower case, listed variants,
    /// and only letters and digits kept; each kept character remembers where it came from so that a
    /// match is quoted as the official wrote it.
    /// </summary>
    private static Folded Fold(string text, IReadOnlyDictionary<string, string> variants)
    {
        var folded = new StringBuilder(text.Length);
        var origin = new List<int>(text.Length);
        var originEnd = new List<int>(text.Length);
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var compatible = rune.ToString().Normalize(NormalizationForm.FormKC);
            foreach (var c in compatible.EnumerateRunes())
            {
                if (!Keeps(Rune.GetUnicodeCategory(c))) continue;
                var s = Rune.ToLowerInvariant(c).ToString();
                if (variants.TryGetValue(s, out var variant)) s = variant;
                foreach (var ch in s)
                {
                    folded.Append(ch);
                    origin.Add(index);
                    originEnd.Add(index + rune.Utf16SequenceLength);
                }
            }

            index += rune.Utf16SequenceLength;
        }

        return new Folded(folded.ToString(), origin.ToArray(), originEnd.ToArray());
    }

    private static bool Keeps(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    private sealed record Folded(string Text, int[] Origin, int[] OriginEnd);
}
