using System.Globalization;
using Matching.Domain.Evidence;
using Matching.Domain.Geography;
using Matching.Domain.Industries;
using Matching.Domain.Projects;
using Matching.Domain.Validation;

namespace Matching.Domain.Rosters;

/// <summary>One enterprise row of an uploaded roster, as read from the file (cells as text).</summary>
/// <param name="Row">Its row number in the file (the header is row 1), for the error report.</param>
/// <param name="Name">企业名称.</param>
/// <param name="CreditCode">统一社会信用代码.</param>
/// <param name="Industry">GB/T 4754-2017 code (3670 or C3670) or the industry in words.</param>
/// <param name="OutputWanYuan">年产值, 万元.</param>
/// <param name="Jobs">从业人数.</param>
public sealed record RosterRow(int Row, string? Name, string? CreditCode, string? Industry, string? OutputWanYuan, string? Jobs);

/// <summary>An enterprise after validation: one per credit code.</summary>
public sealed record RosterEnterprise(string Name, string CreditCode, IndustryCode Industry, decimal OutputWanYuan, int Jobs);

/// <summary>
/// A county's enterprise roster (企业名录) turned into evidence: validated row by row (credit-code check
/// character, industry normalised to a GB/T code, figures in range), duplicates (the same credit code)
/// merged, then counted per GB/T class: one self-declared item per class, e.g. "12 家 3670 企业（规上 8 家）".
/// All or nothing: any bad row rejects the whole file with every bad row named.
/// </summary>
public static class Roster
{
    /// <summary>Most enterprise rows in one file.</summary>
    public const int MaxRows = 20_000;

    /// <summary>Yearly output from which an industrial enterprise is 规模以上 (above designated size), 万元.</summary>
    public const decimal AboveDesignatedSize = 2_000m;

    /// <summary>Validates the rows; the enterprises, one per credit code.</summary>
    /// <exception cref="DomainValidationException">Bad rows (keys <c>rows[N].field</c>, N the file's row number) or a bad file; nothing is made.</exception>
    public static IReadOnlyList<RosterEnterprise> Validate(IReadOnlyList<RosterRow> rows, Province province)
    {
        var errors = new FieldErrors();
        if (rows.Count == 0) errors.Add("file", "名录中没有企业行（第 1 行为表头：企业名称、统一社会信用代码、行业、年产值（万元）、从业人数）。");
        if (rows.Count > MaxRows) errors.Add("file", $"一次最多上传 {MaxRows:N0} 家企业（现为 {rows.Count:N0} 行）。");
        if (!errors.IsEmpty) throw new DomainValidationException(errors);

        var byCode = new Dictionary<string, (RosterEnterprise Enterprise, int Row)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            string Field(string name) => $"rows[{row.Row}].{name}";
            var name = TextInput.Check(row.Name, Field("name"), 100, errors, required: true);
            var code = (row.CreditCode ?? string.Empty).Trim().ToUpperInvariant();
            if (code.Length == 0) errors.Add(Field("creditCode"), $"第 {row.Row} 行：统一社会信用代码必填。");
            else if (!CreditCode.IsValid(code))
                errors.Add(Field("creditCode"), $"第 {row.Row} 行：“{FieldErrors.Quote(row.CreditCode)}”不是有效的统一社会信用代码（18 位，末位校验码不符）。");
            var industry = Normalise(row.Industry, province);
            if (industry is null)
                errors.Add(Field("industry"), string.IsNullOrWhiteSpace(row.Industry)
                    ? $"第 {row.Row} 行：行业必填（GB/T 4754-2017 代码如 3670，或行业名称）。"
                    : $"第 {row.Row} 行：“{FieldErrors.Quote(row.Industry)}”不是 GB/T 4754-2017 中的行业代码，也对应不到行业名称。");
            var output = Number(row.OutputWanYuan, Field("outputWanYuan"), $"第 {row.Row} 行：年产值", 0, 100_000_000m, errors);
            var jobs = Number(row.Jobs, Field("jobs"), $"第 {row.Row} 行：从业人数", 0, 1_000_000m, errors);
            if (jobs is { } j && j != decimal.Truncate(j)) errors.Add(Field("jobs"), $"第 {row.Row} 行：从业人数须为整数。");
            if (name.Length == 0 || industry is null || output is null || jobs is null || !CreditCode.IsValid(code)) continue;

            var enterprise = new RosterEnterprise(name, code, industry.Value, output.Value, (int)jobs.Value);
            if (byCode.TryGetValue(code, out var earlier))
            {
                // The same enterprise twice (a copy-paste, two sheets merged) is one enterprise; two classes for one code is a mistake to fix.
                if (earlier.Enterprise.Industry != enterprise.Industry)
                    errors.Add(Field("industry"), $"第 {row.Row} 行：统一社会信用代码 {code} 与第 {earlier.Row} 行相同，但行业不同（{earlier.Enterprise.Industry} 与 {enterprise.Industry}）。");
                else
                    byCode[code] = (earlier.Enterprise with { OutputWanYuan = Math.Max(earlier.Enterprise.OutputWanYuan, output.Value), Jobs = Math.Max(earlier.Enterprise.Jobs, enterprise.Jobs) }, earlier.Row);
                continue;
            }

            byCode[code] = (enterprise, row.Row);
        }

        if (!errors.IsEmpty) throw new DomainValidationException(errors);
        return byCode.Values.Select(v => v.Enterprise).ToArray();
    }

    /// <summary>The evidence items of a validated roster: one per GB/T code, largest first.</summary>
    /// <param name="enterprises">The validated enterprises.</param>
    /// <param name="province">For the industries' names.</param>
    /// <param name="fileName">The uploaded file's name, for the source.</param>
    /// <param name="at">When it was uploaded (its date makes the items' year).</param>
    public static IReadOnlyList<EvidenceItem> ToEvidence(IReadOnlyList<RosterEnterprise> enterprises, Province province, string fileName, DateTimeOffset at)
    {
        var china = at.ToOffset(TimeSpan.FromHours(8));
        var source = $"本县上传企业名录（{fileName}，{china:yyyy-MM-dd}，{enterprises.Count} 家企业）";
        return enterprises
            .GroupBy(e => e.Industry)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Value, StringComparer.Ordinal)
            .Select(g =>
            {
                var name = province.Industries.Find(g.Key)?.Name ?? g.Key.Value;
                var above = g.Count(e => e.OutputWanYuan >= AboveDesignatedSize);
                var statement = string.Create(CultureInfo.InvariantCulture,
                    $"企业名录：{g.Count()} 家 {g.Key}（{name}）企业（规上 {above} 家），年产值合计 {g.Sum(e => e.OutputWanYuan):#,0} 万元，从业 {g.Sum(e => e.Jobs):#,0} 人");
                return new EvidenceItem(EvidenceKind.Roster, statement, china.Year, [g.Key], source, null, $"名录 {g.Key} {name}", SelfDeclared: true, Count: g.Count());
            })
            .ToArray();
    }

    private static IndustryCode? Normalise(string? text, Province province)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0) return null;
        // "C3670" (section letter and code) as well as "3670".
        var code = value.Length is >= 3 and <= 5 && char.IsAsciiLetter(value[0]) && value[1..].All(char.IsAsciiDigit) ? value[1..] : value;
        if (province.Industries.Find(code) is { } industry) return industry.Code;
        if (province.Industries.All.FirstOrDefault(i => i.Name == value) is { } named) return named.Code;
        return province.Phrasebook.Find(value) is [var first, ..] ? first : null;
    }

    private static decimal? Number(string? text, string field, string label, decimal min, decimal max, FieldErrors errors)
    {
        var value = (text ?? string.Empty).Trim().Replace(",", string.Empty, StringComparison.Ordinal);
        if (value.Length == 0) return 0;
        if (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            errors.Add(field, $"{label}“{FieldErrors.Quote(text)}”不是数字。");
            return null;
        }

        if (number < min || number > max)
        {
            errors.Add(field, $"{label}须在 {min:#,0} 到 {max:#,0} 之间。");
            return null;
        }

        return number;
    }
}
