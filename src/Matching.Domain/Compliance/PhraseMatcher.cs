using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Matching.Domain.Compliance;

/// <summary>
/// Finds a rule's phrase patterns in free text the way an official would read it, not byte for byte:
/// compatibility forms (full-width, Kangxi radicals), accents and tone marks, case, spaces,
/// punctuation, brackets (「」), zero-width characters and listed character variants are ignored, so
/// 税 收「返 还」, ＴＡＸ ＲＥＢＡＴＥ and shuìshōu fǎnhuán read as written without them. A phrase in Chinese
/// characters is also found with a short run of other letters, digits or kana dropped inside it (税x收返还,
/// 税1收返还), and with an enumeration comma inside it (税收、返还). A phrase in Latin letters (pinyin,
/// English) matches whole words only.
/// </summary>
internal sealed class PhraseMatcher
{
    private const char Gap = '…';

    /// <summary>Longest run of non-Han characters dropped between two Han characters (税ab收 is 税收; 2023 is a figure).</summary>
    private const int MaxFiller = 2;

    /// <summary>How many characters before a negation may hold the word that negates it again (并非不提供).</summary>
    private const int DoubleNegativeReach = 2;

    // Clause breaks end a statement: no phrase spans one (返还，土地出让金 is two statements, and a gap
    // must not reach into the next clause), and a negation on the far side of one negates something
    // else. Brackets, quotes, spaces and dots are not breaks: they are what is inserted to dodge a filter.
    private static readonly SearchValues<char> ClauseBreaks = SearchValues.Create("，,。；;！!？?：:\n\r");

    // An enumeration comma separates listed items, so a gap may not cross it (返还、土地出让金 are two
    // items); inside one phrase it is only inserted punctuation (税收、返还). Free-text fields scanned
    // together are joined by it.
    private static readonly SearchValues<char> ListBreaks = SearchValues.Create("、");

    private readonly Pattern[] _patterns;
    private readonly (string Full, string Han)[] _exceptions;
    private readonly (string Full, string Han)[] _negations;
    private readonly string[] _doubleNegatives;
    private readonly int _maxGap;
    private readonly IReadOnlyDictionary<string, string> _variants;

    public PhraseMatcher(RuleParameters parameters, RuleBook book)
    {
        _variants = book.CharacterVariants;
        _patterns = (parameters.Phrases ?? []).Select(p => Pattern.Of(p, _variants)).OfType<Pattern>().ToArray();
        _exceptions = (parameters.Exceptions ?? []).Select(e => Views(e)).Where(e => e.Full.Length > 0).ToArray();
        _negations = book.Negations.Select(n => Views(n)).Where(n => n.Full.Length > 0).ToArray();
        _doubleNegatives = book.DoubleNegatives.Select(n => Normalise(n, _variants)).Where(n => n.Length > 0).ToArray();
        _maxGap = parameters.MaxGap ?? 6;
    }

    /// <summary>Separator of fields scanned together: a list break, so only a contiguous phrase runs across it.</summary>
    public const string FieldSeparator = "、";

    /// <summary>The offending passages of the text as written, in order, each once.</summary>
    public IReadOnlyList<string> Find(string? text) =>
        Spans(text).Select(s => text![s.Start..s.End]).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Where the offending passages are in the text (start inclusive, end exclusive), in order.</summary>
    public IReadOnlyList<(int Start, int End)> Spans(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var (full, han) = FoldedViews(text, _variants);
        var matches = new List<(int Start, int End, bool Excused)>();
        foreach (var pattern in _patterns)
        {
            var view = pattern.HanOnly ? han : full;
            var from = 0;
            while (from < view.Text.Length && Match(view.Text, pattern.Parts, from) is { } parts)
            {
                var (start, end) = (parts[0].Start, parts[^1].End);
                if (Holds(view, text, pattern, parts))
                {
                    // Positions in the original text, so that overlapping matches from both views compare.
                    var (at, to) = (view.Origin[start], view.OriginEnd[end - 1]);
                    matches.Add((at, to, IsExcused(view, text, start, end, pattern.HanOnly)));
                }

                from = start + 1;
            }
        }

        // A shorter pattern inside a longer match (出让金返还 inside 土地出让金返还, 本地注册 inside an
        // excused 不要求在本地注册) is the same statement: quoted once, and excused with it.
        var excused = matches.Where(m => m.Excused).ToArray();
        var kept = matches.Where(m => !m.Excused && !excused.Any(x => Inside(m, x))).ToArray();
        return kept
            .Where(m => !kept.Any(x => x != m && Inside(m, x) && x.End - x.Start > m.End - m.Start))
            .Select(m => (m.Start, m.End))
            .Distinct()
            .OrderBy(m => m.Start)
            .ToArray();
    }

    // The last texts this thread folded, with their views: the firewall scans one bid's texts (each field,
    // then the fields read together) with every phrase rule in force, each rule's matcher over the same
    // texts, and folding them again per rule was most of the firewall's cost (README, Benchmarks). A few
    // entries per thread, replaced in turn; the views are never changed once made.
    private const int KeptViews = 4;

    [ThreadStatic]
    private static (string Text, IReadOnlyDictionary<string, string> Variants, Folded Full, Folded Han)[]? t_views;

    [ThreadStatic]
    private static int t_nextView;

    private static (Folded Full, Folded Han) FoldedViews(string text, IReadOnlyDictionary<string, string> variants)
    {
        var kept = t_views ??= new (string, IReadOnlyDictionary<string, string>, Folded, Folded)[KeptViews];
        foreach (var entry in kept)
        {
            if (entry.Text is not null && ReferenceEquals(entry.Variants, variants) && string.Equals(entry.Text, text, StringComparison.Ordinal))
                return (entry.Full, entry.Han);
        }

        var full = Fold(text, variants);
        var han = full.WithoutFiller();
        kept[t_nextView] = (text, variants, full, han);
        t_nextView = (t_nextView + 1) % KeptViews;
        return (full, han);
    }

    private static bool Inside((int Start, int End, bool) inner, (int Start, int End, bool) outer) =>
        outer.Start <= inner.Start && inner.End <= outer.End;

    /// <summary>The text as the matcher compares it.</summary>
    public static string Normalise(string text, IReadOnlyDictionary<string, string> variants) => Fold(text, variants).Text;

    /// <summary>True when every part of the pattern keeps at least one character after normalisation.</summary>
    public static bool IsPattern(string pattern, IReadOnlyDictionary<string, string> variants) =>
        pattern.Split(Gap).All(part => Normalise(part, variants).Length > 0);

    private (string Full, string Han) Views(string phrase)
    {
        var folded = Fold(phrase, _variants);
        return (folded.Text, folded.WithoutFiller().Text);
    }

    /// <summary>The parts of the pattern found in order, each within the gap of the previous one.</summary>
    private (int Start, int End)[]? Match(string text, string[] parts, int from)
    {
        while (true)
        {
            var start = text.IndexOf(parts[0], from, StringComparison.Ordinal);
            if (start < 0) return null;
            var found = new (int Start, int End)[parts.Length];
            found[0] = (start, start + parts[0].Length);
            var complete = true;
            for (var i = 1; i < parts.Length && complete; i++)
            {
                var end = found[i - 1].End;
                var window = Math.Min(_maxGap + parts[i].Length, text.Length - end);
                var next = window < parts[i].Length ? -1 : text.IndexOf(parts[i], end, window, StringComparison.Ordinal);
                if (next < 0) complete = false;
                else found[i] = (next, next + parts[i].Length);
            }

            if (complete) return found;
            from = start + 1;
        }
    }

    /// <summary>
    /// Whether the match is one statement as written: no clause break inside a part, no break of any kind
    /// in a gap, and a Latin-letter phrase standing as whole words.
    /// </summary>
    private static bool Holds(Folded view, string original, Pattern pattern, (int Start, int End)[] parts)
    {
        for (var i = 0; i < parts.Length; i++)
        {
            var (start, end) = parts[i];
            if (Written(view, original, start, end).ContainsAny(ClauseBreaks)) return false;
            if (i > 0)
            {
                var gap = original.AsSpan(view.OriginEnd[parts[i - 1].End - 1], view.Origin[start] - view.OriginEnd[parts[i - 1].End - 1]);
                if (gap.ContainsAny(ClauseBreaks) || gap.ContainsAny(ListBreaks)) return false;
            }
        }

        var first = view.Origin[parts[0].Start];
        var last = view.OriginEnd[parts[^1].End - 1];
        if (pattern.WordStart && first > 0 && char.IsAsciiLetter(original[first - 1])) return false;
        if (pattern.WordEnd && last < original.Length && char.IsAsciiLetter(original[last])) return false;
        return true;
    }

    private static ReadOnlySpan<char> Written(Folded view, string original, int start, int end) =>
        original.AsSpan(view.Origin[start], view.OriginEnd[end - 1] - view.Origin[start]);

    private bool IsExcused(Folded view, string original, int start, int end, bool han)
    {
        foreach (var (full, hanOnly) in _exceptions)
        {
            var exception = han ? hanOnly : full;
            if (exception.Length == 0) continue;
            // Any occurrence of the lawful phrase that covers the match.
            for (var at = Math.Max(0, end - exception.Length); at <= start; at++)
            {
                if (string.CompareOrdinal(view.Text, at, exception, 0, exception.Length) == 0 && at + exception.Length >= end)
                    return true;
            }
        }

        foreach (var (full, hanOnly) in _negations)
        {
            var negation = han ? hanOnly : full;
            var at = start - negation.Length;
            if (negation.Length == 0 || at < 0 || string.CompareOrdinal(view.Text, at, negation, 0, negation.Length) != 0) continue;
            var between = original.AsSpan(view.OriginEnd[start - 1], view.Origin[start] - view.OriginEnd[start - 1]);
            if (between.ContainsAny(ClauseBreaks)) continue;
            // 并非不提供税收返还 offers it: a negation negated again excuses nothing.
            if (IsNegatedAgain(view, original, at)) return false;
            return true;
        }

        return false;
    }

    private bool IsNegatedAgain(Folded view, string original, int negationAt)
    {
        var from = Math.Max(0, negationAt - DoubleNegativeReach);
        foreach (var word in _doubleNegatives)
        {
            for (var at = Math.Max(0, from - word.Length + 1); at + word.Length <= negationAt; at++)
            {
                if (string.CompareOrdinal(view.Text, at, word, 0, word.Length) != 0) continue;
                var between = original.AsSpan(view.Origin[at], view.Origin[negationAt] - view.Origin[at]);
                if (!between.ContainsAny(ClauseBreaks)) return true;
            }
        }

        return false;
    }

    /// <summary>
    /// NFKD (full-width → half-width, compatibility ideographs → unified, accents split off), lower
    /// case, listed variants, and only letters and digits kept; each kept character remembers where it
    /// came from so that a match is quoted as the official wrote it.
    /// </summary>
    private static Folded Fold(string text, IReadOnlyDictionary<string, string> variants)
    {
        var single = SingleOf(variants);
        var folded = new StringBuilder(text.Length);
        var origin = new List<int>(text.Length);
        var originEnd = new List<int>(text.Length);
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            // ASCII and the unified ideographs have no decomposition: NFKD (a call into ICU and a
            // string per character) would return them as they are, and they are most of what is written.
            if (IsUnchangedByNfkd(rune)) Add(rune, rune);
            else
            {
                foreach (var c in rune.ToString().Normalize(NormalizationForm.FormKD).EnumerateRunes()) Add(c, rune);
            }

            index += rune.Utf16SequenceLength;
        }

        return new Folded(folded.ToString(), origin.ToArray(), originEnd.ToArray());

        void Add(Rune c, Rune written)
        {
            if (!Keeps(Rune.GetUnicodeCategory(c))) return;
            var lower = LowerInvariant(c);
            if (single.TryGetValue(lower.Value, out var variant))
            {
                foreach (var ch in variant) Keep(ch, written);
                return;
            }

            if (lower.IsBmp) Keep((char)lower.Value, written);
            else
            {
                Span<char> pair = stackalloc char[2];
                lower.EncodeToUtf16(pair);
                Keep(pair[0], written);
                Keep(pair[1], written);
            }
        }

        void Keep(char ch, Rune written)
        {
            folded.Append(ch);
            origin.Add(index);
            originEnd.Add(index + written.Utf16SequenceLength);
        }
    }

    /// <summary>
    /// <see cref="Rune.ToLowerInvariant"/>, without its call into ICU for the unified ideographs (which
    /// have no case) and ASCII: a bid's text is mostly those, and the call per character was a measurable
    /// share of a bid's CPU (README, Benchmarks).
    /// </summary>
    private static Rune LowerInvariant(Rune rune) => rune.Value switch
    {
        >= 'A' and <= 'Z' => new Rune(rune.Value + ('a' - 'A')),
        < 0x80 or (>= 0x4E00 and <= 0x9FFF) => rune,
        _ => Rune.ToLowerInvariant(rune),
    };

    // The variants whose key is one character (rune): a folded character is one rune, so only these can
    // apply, and looking them up by the rune's value spares a string per character.
    private static readonly ConditionalWeakTable<IReadOnlyDictionary<string, string>, Dictionary<int, string>> SingleVariants = new();

    private static Dictionary<int, string> SingleOf(IReadOnlyDictionary<string, string> variants) =>
        SingleVariants.GetValue(variants, v => v
            .Where(p => Rune.DecodeFromUtf16(p.Key, out _, out var used) == OperationStatus.Done && used == p.Key.Length)
            .ToDictionary(p => Rune.GetRuneAt(p.Key, 0).Value, p => p.Value));

    private static bool IsUnchangedByNfkd(Rune rune) => rune.IsAscii || rune.Value is >= 0x4E00 and <= 0x9FFF;

    private static bool Keeps(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    /// <summary>A CJK ideograph (the BMP blocks, where every phrase of the rules lives).</summary>
    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>A phrase pattern after normalisation.</summary>
    /// <param name="Parts">Its contiguous parts, split at <c>…</c>.</param>
    /// <param name="HanOnly">All Chinese characters: matched with filler dropped.</param>
    /// <param name="WordStart">Begins with a Latin letter: must begin a word.</param>
    /// <param name="WordEnd">Ends with a Latin letter: must end a word.</param>
    private sealed record Pattern(string[] Parts, bool HanOnly, bool WordStart, bool WordEnd)
    {
        public static Pattern? Of(string phrase, IReadOnlyDictionary<string, string> variants)
        {
            var parts = phrase.Split(Gap).Select(p => Normalise(p, variants)).ToArray();
            if (parts.Length == 0 || parts.Any(p => p.Length == 0)) return null;
            return new Pattern(parts, parts.All(p => p.All(IsHan)), char.IsAsciiLetter(parts[0][0]), char.IsAsciiLetter(parts[^1][^1]));
        }
    }

    private sealed record Folded(string Text, int[] Origin, int[] OriginEnd)
    {
        /// <summary>The text with each short run of non-Han characters between two Han characters left out (税x收 → 税收).</summary>
        public Folded WithoutFiller()
        {
            var text = new StringBuilder(Text.Length);
            var origin = new List<int>(Text.Length);
            var originEnd = new List<int>(Text.Length);
            for (var i = 0; i < Text.Length;)
            {
                if (IsHan(Text[i]) || i == 0)
                {
                    Keep(i++);
                    continue;
                }

                var runEnd = i;
                while (runEnd < Text.Length && !IsHan(Text[runEnd])) runEnd++;
                var filler = IsHan(Text[i - 1]) && runEnd < Text.Length && runEnd - i <= MaxFiller;
                for (; i < runEnd; i++)
                {
                    if (!filler) Keep(i);
                }
            }

            return new Folded(text.ToString(), origin.ToArray(), originEnd.ToArray());

            void Keep(int at)
            {
                text.Append(Text[at]);
                origin.Add(Origin[at]);
                originEnd.Add(OriginEnd[at]);
            }
        }
    }
}
