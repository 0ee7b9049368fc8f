using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matching.Domain.Industries;

/// <summary>Depth of a code in the GB/T 4754-2017 hierarchy.</summary>
public enum IndustryLevel
{
    /// <summary>门类: one letter, A to T.</summary>
    Section = 1,
    /// <summary>大类: two digits.</summary>
    Division = 2,
    /// <summary>中类: three digits.</summary>
    Group = 3,
    /// <summary>小类: four digits.</summary>
    Class = 4,
}

/// <summary>
/// A GB/T 4754-2017 industry code (section letter, or a 2/3/4-digit division, group or class).
/// It knows its place in the hierarchy from its shape alone; whether the code is actually listed
/// in the standard is the <see cref="IndustryCatalog"/>'s business.
/// </summary>
[JsonConverter(typeof(IndustryCodeJsonConverter))]
public readonly record struct IndustryCode : IComparable<IndustryCode>
{
    // Division ranges of each section, fixed by the standard (GB/T 4754-2017, table 1).
    private static readonly (char Section, int First, int Last)[] SectionRanges =
    [
        ('A', 1, 5), ('B', 6, 12), ('C', 13, 43), ('D', 44, 46), ('E', 47, 50), ('F', 51, 52),
        ('G', 53, 60), ('H', 61, 62), ('I', 63, 65), ('J', 66, 69), ('K', 70, 70), ('L', 71, 72),
        ('M', 73, 75), ('N', 76, 79), ('O', 80, 82), ('P', 83, 83), ('Q', 84, 85), ('R', 86, 90),
        ('S', 91, 96), ('T', 97, 97),
    ];

    // The section is derived once: SharedLevel compares sections for every county of every match.
    private readonly char _section;

    private IndustryCode(string value)
    {
        Value = value;
        _section = value.Length == 1 ? value[0] : SectionOfDivision(int.Parse(value.AsSpan(0, 2)));
    }

    /// <summary>The code as written in the standard, e.g. <c>C</c>, <c>36</c>, <c>361</c>, <c>3612</c>.</summary>
    public string Value { get; }

    /// <summary>The level this code sits at.</summary>
    public IndustryLevel Level => Value.Length switch
    {
        1 => IndustryLevel.Section,
        2 => IndustryLevel.Division,
        3 => IndustryLevel.Group,
        _ => IndustryLevel.Class,
    };

    /// <summary>The section letter (every code has one).</summary>
    public char Section => _section;

    /// <summary>The two-digit division, or null for a section.</summary>
    public string? Division => Value.Length >= 2 ? Value[..2] : null;

    /// <summary>The three-digit group, or null above group level.</summary>
    public string? Group => Value.Length >= 3 ? Value[..3] : null;

    /// <summary>The four-digit class, or null above class level.</summary>
    public string? Class => Value.Length == 4 ? Value : null;

    /// <summary>The code one level up, or null for a section.</summary>
    public IndustryCode? Parent => Level switch
    {
        IndustryLevel.Section => null,
        IndustryLevel.Division => new IndustryCode(Section.ToString()),
        _ => new IndustryCode(Value[..^1]),
    };

    /// <summary>True when <paramref name="other"/> is this code or lies below it.</summary>
    public bool Contains(IndustryCode other) => Level == IndustryLevel.Section
        ? other.Section == Section
        : other.Value.StartsWith(Value, StringComparison.Ordinal);

    /// <summary>
    /// The deepest level both codes share (class &gt; group &gt; division &gt; section), or null when they
    /// are in different sections. Industry fit is scored along this.
    /// </summary>
    public IndustryLevel? SharedLevel(IndustryCode other)
    {
        var (a, b) = (Value, other.Value);
        // Same division: compare digits only (no section lookup); this runs for every county of every match.
        if (a.Length >= 2 && b.Length >= 2 && a[0] == b[0] && a[1] == b[1])
        {
            if (a.Length >= 3 && b.Length >= 3 && a[2] == b[2])
                return a.Length == 4 && b.Length == 4 && a[3] == b[3] ? IndustryLevel.Class : IndustryLevel.Group;
            return IndustryLevel.Division;
        }

        return Section == other.Section ? IndustryLevel.Section : null;
    }

    /// <summary>Parses the shape of a code (not whether the standard lists it).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out IndustryCode code)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var value = text.Trim().ToUpperInvariant();
        if (value.Length == 1)
        {
            if (value[0] is < 'A' or > 'T') return false;
            code = new IndustryCode(value);
            return true;
        }

        if (value.Length is < 2 or > 4 || !value.All(char.IsAsciiDigit)) return false;
        var division = int.Parse(value.AsSpan(0, 2));
        if (division is < 1 or > 97) return false;
        code = new IndustryCode(value);
        return true;
    }

    /// <summary>Parses a code or throws <see cref="FormatException"/>.</summary>
    public static IndustryCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a GB/T 4754 code.");

    private static char SectionOfDivision(int division)
    {
        foreach (var (section, first, last) in SectionRanges)
        {
            if (division >= first && division <= last) return section;
        }

        throw new InvalidOperationException($"Division {division:00} is outside GB/T 4754-2017.");
    }

    /// <inheritdoc />
    public int CompareTo(IndustryCode other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Writes an <see cref="IndustryCode"/> as its plain string.</summary>
public sealed class IndustryCodeJsonConverter : JsonConverter<IndustryCode>
{
    /// <inheritdoc />
    public override IndustryCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return IndustryCode.TryParse(text, out var code)
            ? code
            : throw new JsonException($"'{text}' is not a GB/T 4754 industry code.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IndustryCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
