using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Matching.Host.Documents;

/// <summary>
/// A plain A4 document written top to bottom: a title, headings, label–value fields, wrapped paragraphs
/// and simple tables, in the embedded Chinese font. Chinese has no spaces to break at, so lines wrap at
/// any character that would overflow the line.
/// </summary>
internal sealed class PdfLetter : IDisposable
{
    private const double Margin = 56, LineGap = 4;
    private readonly PdfDocument _document = new();
    private readonly XFont _title, _heading, _body, _small;
    private XGraphics _gfx = null!;
    private PdfPage _page = null!;
    private double _y;

    public PdfLetter(string title, DocumentFont font)
    {
        _ = font; // Installed: the family resolves to it.
        _document.Info.Title = title;
        _document.Info.Creator = "山东省招商引资统筹协作平台";
        _title = new XFont(DocumentFont.Family, 18, XFontStyleEx.Bold);
        _heading = new XFont(DocumentFont.Family, 13, XFontStyleEx.Bold);
        _body = new XFont(DocumentFont.Family, 10.5);
        _small = new XFont(DocumentFont.Family, 8.5);
        NewPage();
    }

    private double Width => _page.Width.Point - 2 * Margin;

    public PdfLetter Title(string text)
    {
        var size = _gfx.MeasureString(text, _title);
        _gfx.DrawString(text, _title, XBrushes.Black, new XPoint(Margin + Math.Max(0, (Width - size.Width) / 2), _y + size.Height));
        _y += size.Height + 16;
        return this;
    }

    public PdfLetter Heading(string text)
    {
        Room(30);
        _y += 8;
        Lines(text, _heading, Margin, Width);
        return this;
    }

    public PdfLetter Field(string label, string? value)
    {
        const double labelWidth = 110;
        Room(16);
        var top = _y;
        _gfx.DrawString(label + "：", _body, XBrushes.DimGray, new XPoint(Margin, _y + _body.Height));
        _y = top;
        Lines(string.IsNullOrWhiteSpace(value) ? "—" : value, _body, Margin + labelWidth, Width - labelWidth);
        return this;
    }

    public PdfLetter Paragraph(string text)
    {
        foreach (var line in text.Split('\n')) Lines(line, _body, Margin, Width);
        _y += LineGap;
        return this;
    }

    public PdfLetter Note(string text)
    {
        Lines(text, _small, Margin, Width, XBrushes.DimGray);
        return this;
    }

    /// <summary>A table: the widths are fractions of the line.</summary>
    public PdfLetter Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<double> widths)
    {
        Row(headers, widths, _body, header: true);
        foreach (var row in rows) Row(row, widths, _body, header: false);
        _y += LineGap * 2;
        return this;
    }

    /// <summary>
    /// A horizontal bar chart (e.g. a funnel): one bar per item, its length proportional to the value
    /// (the largest fills the space), the label before it and the value after it. A zero draws no bar.
    /// </summary>
    public PdfLetter Bars(string caption, IReadOnlyList<(string Label, decimal Value, string Unit)> items)
    {
        const double labelWidth = 90, valueWidth = 60, barHeight = 11, gap = 5;
        Room(_small.Height + LineGap + items.Count * (barHeight + gap));
        Lines(caption, _small, Margin, Width, XBrushes.DimGray);
        var max = items.Count == 0 ? 0 : items.Max(i => i.Value);
        var span = Width - labelWidth - valueWidth;
        var fill = new XSolidBrush(XColor.FromArgb(0x2F, 0x6F, 0xB2));
        foreach (var (label, value, unit) in items)
        {
            _gfx.DrawString(label, _small, XBrushes.Black, new XPoint(Margin, _y + barHeight - 2));
            var length = max <= 0 ? 0 : span * (double)(value / max);
            if (value > 0) _gfx.DrawRectangle(fill, Margin + labelWidth, _y, Math.Max(1, length), barHeight);
            _gfx.DrawString($"{value:0.##} {unit}", _small, XBrushes.Black, new XPoint(Margin + labelWidth + Math.Max(1, length) + 4, _y + barHeight - 2));
            _y += barHeight + gap;
        }

        _y += LineGap * 2;
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _gfx.Dispose();
        _document.Dispose();
    }

    private void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, XFont font, bool header)
    {
        Room(font.Height + 8);
        var x = Margin;
        var top = _y;
        var bottom = top;
        for (var i = 0; i < cells.Count; i++)
        {
            var width = Width * widths[i];
            _y = top + 3;
            Lines(cells[i], font, x + 3, width - 6, header ? XBrushes.DimGray : XBrushes.Black);
            bottom = Math.Max(bottom, _y + 3);
            x += width;
        }

        _gfx.DrawLine(header ? XPens.Black : XPens.LightGray, Margin, bottom, Margin + Width, bottom);
        _y = bottom;
    }

    private void Lines(string text, XFont font, double x, double width, XBrush? brush = null)
    {
        foreach (var line in Wrap(text, font, width))
        {
            Room(font.Height + LineGap);
            _gfx.DrawString(line, font, brush ?? XBrushes.Black, new XPoint(x, _y + font.Height));
            _y += font.Height + LineGap;
        }
    }

    private IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        var start = 0;
        if (text.Length == 0) yield break;
        while (start < text.Length)
        {
            var end = start + 1;
            while (end < text.Length && _gfx.MeasureString(text[start..(end + 1)], font).Width <= width) end++;
            yield return text[start..end];
            start = end;
        }
    }

    private void Room(double height)
    {
        if (_y + height <= _page.Height.Point - Margin) return;
        _gfx.Dispose();
        NewPage();
    }

    private void NewPage()
    {
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }
}
