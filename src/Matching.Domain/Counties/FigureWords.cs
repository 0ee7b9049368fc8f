using System.Globalization;

namespace Matching.Domain.Counties;

/// <summary>A figure or flag in words for the audit: its value and its standing (whose it is, verified or not).</summary>
public static class FigureWords
{
    /// <summary>E.g. <c>800 亩（县自报，未核实）</c>, <c>1,200 亩（协调员设定）</c>.</summary>
    public static string Of(Figure figure, string unit) =>
        $"{figure.Value.ToString("#,0.##", CultureInfo.InvariantCulture)}{unit}（{Standing(figure.Source, figure.SelfDeclared)}）";

    /// <summary>E.g. <c>是（县自报，已核实）</c>.</summary>
    public static string Of(Flag flag) => $"{(flag.Value ? "是" : "否")}（{Standing(flag.Source, flag.SelfDeclared)}）";

    private static string Standing(FigureSource source, bool selfDeclared) => source switch
    {
        FigureSource.County => selfDeclared ? "县自报，未核实" : "县自报，已核实",
        FigureSource.Coordinator => "协调员设定",
        FigureSource.Reference => "公开资料",
        _ => "默认值",
    };
}
