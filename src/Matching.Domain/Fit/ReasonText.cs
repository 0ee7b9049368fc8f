using System.Globalization;
using System.Text;
using Matching.Domain.Counties;

namespace Matching.Domain.Fit;

/// <summary>
/// Writes the reasons of a fit: one per-thread buffer that a reason's pieces (amounts, names, lists) are appended
/// to, so that a reason costs one string, not one per piece. A match explains its 20 shown counties with some ten
/// reasons each; built from nested interpolations, LINQ and joins they allocated about twice their own size.
/// </summary>
/// <remarks>One reason at a time per thread: <see cref="Start"/> clears the buffer, so a reason never starts another.</remarks>
internal static class ReasonText
{
    /// <summary>Land, as the reasons write it after an amount.</summary>
    public const string Mu = " 亩";

    /// <summary>Energy, as the reasons write it after an amount.</summary>
    public const string Tce = " 吨标准煤/年";

    [ThreadStatic] private static StringBuilder? _buffer;

    /// <summary>The thread's buffer, empty.</summary>
    public static StringBuilder Start() => (_buffer ??= new StringBuilder(1024)).Clear();

    /// <summary>An amount with its unit: <c>1,234.5 亩</c> (invariant digits, at most one decimal).</summary>
    public static StringBuilder AppendAmount(this StringBuilder text, decimal amount, string unit) =>
        text.Append(CultureInfo.InvariantCulture, $"{amount:#,0.#}").Append(unit);

    /// <summary>Which value of a county's figure the score used, when the county set it: verified, or the value before a pending declaration.</summary>
    public static StringBuilder AppendDeclared(this StringBuilder text, Figure figure, string unit) =>
        figure.Source != FigureSource.County ? text
        : !figure.SelfDeclared ? text.Append("（县设定，已核实）")
        : figure.InForceSelfDeclared ? text.Append("（县自报，未核实）")
        : text.Append("（县自报 ").AppendAmount(figure.Value, unit).Append(" 待核实，按核定值计）");

    /// <summary>A separator before every part but the first.</summary>
    public static StringBuilder AppendSeparated(this StringBuilder text, ref bool first, string separator)
    {
        if (!first) text.Append(separator);
        first = false;
        return text;
    }
}
