using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Matching.Domain.Rosters;
using Matching.Domain.Validation;
using MiniExcelLibs;

namespace Matching.Host.Rosters;

/// <summary>
/// Reads an uploaded roster file into rows: .xlsx (MiniExcel, the first sheet) or CSV (CsvHelper; UTF-8, or
/// GB18030 as Excel saves it on Chinese Windows). The first row names the columns, in Chinese or English.
/// </summary>
public static class RosterFile
{
    /// <summary>Largest accepted file.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    private static readonly Dictionary<string, string> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["企业名称"] = "name", ["名称"] = "name", ["name"] = "name",
        ["统一社会信用代码"] = "creditCode", ["信用代码"] = "creditCode", ["creditcode"] = "creditCode",
        ["行业"] = "industry", ["行业代码"] = "industry", ["国民经济行业"] = "industry", ["所属行业"] = "industry", ["industry"] = "industry",
        ["年产值（万元）"] = "outputWanYuan", ["年产值(万元)"] = "outputWanYuan", ["年产值"] = "outputWanYuan", ["outputwanyuan"] = "outputWanYuan", ["output"] = "outputWanYuan",
        ["从业人数"] = "jobs", ["就业人数"] = "jobs", ["jobs"] = "jobs",
    };

    private static readonly string[] Required = ["name", "creditCode", "industry"];

    static RosterFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The file's enterprise rows (row numbers as in the file, the header being row 1).</summary>
    /// <exception cref="DomainValidationException">The file cannot be read or lacks a required column (field <c>file</c>).</exception>
    public static IReadOnlyList<RosterRow> Read(byte[] bytes)
    {
        List<string[]> table;
        try
        {
            table = IsXlsx(bytes) ? ReadXlsx(bytes) : ReadCsv(bytes);
        }
        catch (Exception e) when (e is not DomainValidationException)
        {
            throw Bad("无法读取文件：请上传 .xlsx 或 .csv（UTF-8 或 GBK 编码）格式的企业名录。");
        }

        if (table.Count == 0) throw Bad("文件是空的：第 1 行须为表头（企业名称、统一社会信用代码、行业、年产值（万元）、从业人数）。");
        var header = table[0].Select(h => Columns.GetValueOrDefault(h.Trim().Replace(" ", string.Empty, StringComparison.Ordinal))).ToArray();
        var missing = Required.Where(r => !header.Contains(r)).ToArray();
        if (missing.Length > 0)
            throw Bad($"表头缺少列：{string.Join("、", missing.Select(Chinese))}（第 1 行须为表头：企业名称、统一社会信用代码、行业、年产值（万元）、从业人数）。");

        string? Cell(string[] row, string column) => Array.IndexOf(header, column) is var i && i >= 0 && i < row.Length ? row[i] : null;
        var rows = new List<RosterRow>();
        for (var r = 1; r < table.Count; r++)
        {
            var row = table[r];
            if (row.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new RosterRow(r + 1, Cell(row, "name"), Cell(row, "creditCode"), Cell(row, "industry"), Cell(row, "outputWanYuan"), Cell(row, "jobs")));
        }

        return rows;
    }

    private static string Chinese(string column) => column switch
    {
        "name" => "企业名称",
        "creditCode" => "统一社会信用代码",
        _ => "行业",
    };

    private static DomainValidationException Bad(string message) => new(new FieldErrors().Add("file", message));

    private static bool IsXlsx(byte[] bytes) => bytes.Length > 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04;

    private static List<string[]> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        // Without a header row MiniExcel keys cells by column letter (A, B, …); the first row is the header.
        var rows = stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        return rows.Select(r => r.Values.Select(Text).Concat(Enumerable.Repeat(string.Empty, Math.Max(0, width - r.Count))).ToArray()).ToList();
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("0.############", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.GetEncoding("GB18030").GetString(bytes);
        }

        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, DetectDelimiter = true, BadDataFound = null, IgnoreBlankLines = false });
        var table = new List<string[]>();
        while (csv.Read()) table.Add(csv.Parser.Record ?? []);
        return table;
    }
}
