using MiniExcelLibs;

namespace Matching.Host.Lists;

/// <summary>A list as an Excel workbook (.xlsx, MiniExcel): one sheet, the screen's Chinese headers, one row per item.</summary>
public static class XlsxExport
{
    /// <summary>The MIME type of .xlsx.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The workbook's bytes.</summary>
    public static byte[] Write<T>(ListShape<T> shape, IEnumerable<T> rows)
    {
        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(shape.Columns.Count);
            foreach (var column in shape.Columns) cells[column.Header] = Cell(column.CellOf(row));
            return cells;
        }).ToList();
        using var stream = new MemoryStream();
        if (sheet.Count == 0)
            // An empty list still names its columns.
            sheet.Add(shape.Columns.ToDictionary(c => c.Header, _ => (object?)null));
        stream.SaveAs(sheet, sheetName: shape.Name);
        return stream.ToArray();
    }

    /// <summary>The workbook as a download named after the list.</summary>
    public static Apis.XlsxFile File<T>(ListShape<T> shape, IEnumerable<T> rows) => new(
        TypedResults.File(Write(shape, rows), ContentType, $"{shape.Name}-{DateTime.UtcNow.AddHours(8):yyyyMMdd-HHmm}.xlsx"));

    // Dates as text in China time: a spreadsheet has no time zone.
    private static object? Cell(object? value) => value switch
    {
        DateTimeOffset at => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm"),
        DateOnly day => day.ToString("yyyy-MM-dd"),
        bool flag => flag ? "是" : "否",
        _ => value,
    };
}
