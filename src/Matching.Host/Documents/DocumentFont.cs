using PdfSharp.Fonts;

namespace Matching.Host.Documents;

/// <summary>
/// The Chinese font documents embed. PDFsharp has no font of its own for CJK text, so the first font
/// found is used: the path in <c>Documents:FontPath</c> if set (and then only it), else common system CJK fonts with TrueType
/// outlines (WenQuanYi on Debian/Ubuntu, Droid Sans Fallback, AR PL, Microsoft YaHei/SimHei/SimSun on
/// Windows, Heiti/Songti on macOS). A collection (.ttc) gives its first face. PDFsharp's resolver is
/// process-wide, so the first host to render fixes the font for the process. Without any, documents
/// answer 503 (<see cref="DocumentFontMissingException"/>) and everything else works.
/// </summary>
public sealed class DocumentFont : IFontResolver
{
    /// <summary>The family name documents ask for.</summary>
    public const string Family = "MatchingCjk";

    /// <summary>Where CJK fonts usually are, most likely first.</summary>
    public static IReadOnlyList<string> CommonPaths { get; } =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "/usr/share/fonts/truetype/arphic/ukai.ttc",
        @"C:\Windows\Fonts\msyh.ttc",
        @"C:\Windows\Fonts\simhei.ttf",
        @"C:\Windows\Fonts\simsun.ttc",
        "/System/Library/Fonts/STHeiti Light.ttc",
        "/System/Library/Fonts/Supplemental/Songti.ttc",
        "/Library/Fonts/Arial Unicode.ttf",
    ];

    private static readonly Lock Gate = new();
    private static DocumentFont? _installed;
    private readonly byte[] _font;

    private DocumentFont(string path, byte[] font) => (Path, _font) = (path, font);

    /// <summary>The font file used.</summary>
    public string Path { get; }

    /// <summary>
    /// Installs the font for PDFsharp once per process and returns it.
    /// </summary>
    /// <param name="configuredPath">A font file named in configuration: the only one tried when set.</param>
    /// <exception cref="DocumentFontMissingException">No CJK font was found, or the configured one is missing or unreadable.</exception>
    public static DocumentFont Install(string? configuredPath)
    {
        var configured = !string.IsNullOrWhiteSpace(configuredPath);
        lock (Gate)
        {
            // The operator's font or none: documents are refused rather than printed in a font nobody chose.
            if (configured && !File.Exists(configuredPath)) throw new DocumentFontMissingException([configuredPath!]);
            if (_installed is not null) return _installed;
            var candidates = (configured ? [configuredPath!] : CommonPaths).ToArray();
            foreach (var path in candidates)
            {
                if (!File.Exists(path)) continue;
                try
                {
                    var bytes = File.ReadAllBytes(path);
                    var font = TrueTypeCollection.IsCollection(bytes) ? TrueTypeCollection.Extract(bytes) : bytes;
                    _installed = new DocumentFont(path, font);
                    GlobalFontSettings.FontResolver = _installed;
                    return _installed;
                }
                catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    // An unreadable or malformed file: the next candidate may do.
                }
            }

            throw new DocumentFontMissingException(candidates);
        }
    }

    /// <inheritdoc />
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        // One face: bold is simulated, which is all a letter's headings need.
        new(Family, bold, italic);

    /// <inheritdoc />
    public byte[] GetFont(string faceName) => _font;
}

/// <summary>No Chinese font could be found for documents.</summary>
public sealed class DocumentFontMissingException(IReadOnlyList<string> tried)
    : Exception("未找到可嵌入的中文字体，无法生成 PDF。请安装 fonts-wqy-microhei（或在 Documents:FontPath 中指定一个 TrueType 中文字体文件）。已查找：" + string.Join("、", tried));
