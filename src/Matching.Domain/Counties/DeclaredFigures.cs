using System.Globalization;
using Matching.Domain.Evidence;
using Matching.Domain.Validation;

namespace Matching.Domain.Counties;

/// <summary>
/// The figures and flags of a county's profile that a county declares and a coordinator verifies: land and
/// energy quotas, the land-price floor, 省财政直管县 and 革命老区. A pending declaration is reviewed through the
/// same queue as declared evidence, under the id <c>figure.{field}</c>.
/// </summary>
public static class DeclaredFigures
{
    /// <summary>The id prefix of a figure in the verification queue and the audit trail.</summary>
    public const string Prefix = "figure.";

    /// <summary>The fields, as the profile edit names them.</summary>
    public static IReadOnlyList<string> Fields { get; } = ["landQuotaMu", "energyQuotaTce", "landPriceFloor", "fiscallyDirect", "oldRevolutionaryBase"];

    /// <summary>The queue id of a field.</summary>
    public static string IdOf(string field) => Prefix + field;

    /// <summary>Whether the county's value of a field awaits verification.</summary>
    public static bool IsPending(CountyProfile profile, string field) => field switch
    {
        "landQuotaMu" => profile.LandQuotaMu.SelfDeclared,
        "energyQuotaTce" => profile.EnergyQuotaTce.SelfDeclared,
        "landPriceFloor" => profile.LandPriceFloor?.SelfDeclared == true,
        "fiscallyDirect" => profile.FiscallyDirect.SelfDeclared,
        "oldRevolutionaryBase" => profile.OldRevolutionaryBase.SelfDeclared,
        _ => false,
    };

    /// <summary>The fields an edit left with a new pending declaration (to queue) and those it left no longer pending (to take out of the queue).</summary>
    public static (IReadOnlyList<string> Declared, IReadOnlyList<string> Settled) Changes(CountyProfile before, CountyProfile after)
    {
        var declared = new List<string>();
        var settled = new List<string>();
        foreach (var field in Fields)
        {
            var (was, now) = (IsPending(before, field), IsPending(after, field));
            if (now && (!was || !Equals(Declared(before, field), Declared(after, field)))) declared.Add(field);
            else if (was && !now) settled.Add(field);
        }

        return (declared, settled);
    }

    /// <summary>
    /// The fields an edit set without leaving a new pending declaration, each with what the audit calls it: a coordinator's
    /// value (<see cref="EvidenceAction.Set"/>, in force at once) or a county's value equal to the one in force, which
    /// withdraws its pending declaration (<see cref="EvidenceAction.Withdrawn"/>). Declarations are audited as declared.
    /// </summary>
    public static IReadOnlyList<(string Field, EvidenceAction Action)> Sets(CountyProfile before, CountyProfile after, FigureSource editor)
    {
        var (declared, _) = Changes(before, after);
        var sets = new List<(string, EvidenceAction)>();
        foreach (var field in Fields)
        {
            if (declared.Contains(field)) continue;
            if (Equals(FigureOf(before, field), FigureOf(after, field))) continue;
            sets.Add((field, editor == FigureSource.County ? EvidenceAction.Withdrawn : EvidenceAction.Set));
        }

        return sets;
    }

    /// <summary>What a set did, in Chinese as the audit shows it: the value before and its standing → the value after and its standing.</summary>
    public static string SetStatement(CountyProfile before, CountyProfile after, string field)
    {
        var (label, unit) = field switch
        {
            "landQuotaMu" => ("土地指标：剩余用地指标", " 亩"),
            "energyQuotaTce" => ("能耗指标：剩余能耗指标", " 吨标准煤/年"),
            "landPriceFloor" => ("工业用地出让最低价", " 万元/亩"),
            "fiscallyDirect" => ("省财政直管县", string.Empty),
            _ => ("革命老区", string.Empty),
        };
        string Words(object? figure) => figure switch
        {
            Figure f => FigureWords.Of(f, unit),
            Flag f => FigureWords.Of(f),
            _ => "无",
        };
        return $"{label} {Words(FigureOf(before, field))} → {Words(FigureOf(after, field))}";
    }

    private static object? FigureOf(CountyProfile profile, string field) => field switch
    {
        "landQuotaMu" => profile.LandQuotaMu,
        "energyQuotaTce" => profile.EnergyQuotaTce,
        "landPriceFloor" => profile.LandPriceFloor,
        "fiscallyDirect" => profile.FiscallyDirect,
        _ => profile.OldRevolutionaryBase,
    };

    private static object? Declared(CountyProfile profile, string field) => field switch
    {
        "landQuotaMu" => profile.LandQuotaMu.Value,
        "energyQuotaTce" => profile.EnergyQuotaTce.Value,
        "landPriceFloor" => profile.LandPriceFloor?.Value,
        "fiscallyDirect" => profile.FiscallyDirect.Value,
        "oldRevolutionaryBase" => profile.OldRevolutionaryBase.Value,
        _ => null,
    };

    /// <summary>What a pending declaration says, in Chinese as the queue shows it, with the value in force beside it.</summary>
    public static string Statement(CountyProfile profile, string field)
    {
        static string Number(decimal v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);
        static string YesNo(bool v) => v ? "是" : "否";
        string Was(string? before) => before is null ? "（此前无核定值）" : $"（现行核定值 {before}）";
        return field switch
        {
            "landQuotaMu" => $"土地指标：自报剩余用地指标 {Number(profile.LandQuotaMu.Value)} 亩{Was(profile.LandQuotaMu.Before is { } b ? Number(b.Value) + " 亩" : null)}",
            "energyQuotaTce" => $"能耗指标：自报剩余能耗指标 {Number(profile.EnergyQuotaTce.Value)} 吨标准煤/年{Was(profile.EnergyQuotaTce.Before is { } b ? Number(b.Value) + " 吨标准煤/年" : null)}",
            "landPriceFloor" => $"工业用地出让最低价：自报 {Number(profile.LandPriceFloor!.Value)} 万元/亩{Was(profile.LandPriceFloor.Before is { } b ? Number(b.Value) + " 万元/亩" : null)}",
            "fiscallyDirect" => $"省财政直管县：自报“{YesNo(profile.FiscallyDirect.Value)}”{Was(profile.FiscallyDirect.Before is { } b ? YesNo(b.Value) : null)}",
            "oldRevolutionaryBase" => $"革命老区：自报“{YesNo(profile.OldRevolutionaryBase.Value)}”{Was(profile.OldRevolutionaryBase.Before is { } b ? YesNo(b.Value) : null)}",
            _ => field,
        };
    }

    /// <summary>A pending field as a queue item (kind <see cref="EvidenceKind.CountyFigure"/>, not weighed).</summary>
    public static DeclaredEvidence QueueItem(CountyProfile profile, string field, string actor, DateTimeOffset at) => new(
        IdOf(field),
        new EvidenceItem(EvidenceKind.CountyFigure, Statement(profile, field), at.ToOffset(TimeSpan.FromHours(8)).Year, [], "县级申报（画像数值）", SelfDeclared: true),
        EvidenceStatus.SelfDeclared, actor, at);

    /// <summary>
    /// A coordinator's review of a pending field: verified, the declared value is in force with the check; rejected,
    /// the value in force before it stays (a first land-price floor rejected leaves none).
    /// </summary>
    /// <exception cref="DomainValidationException">The field is not one of <see cref="Fields"/>.</exception>
    /// <returns>The profile after, or null when nothing of that field awaits review.</returns>
    public static CountyProfile? Review(CountyProfile profile, string field, bool verified, FigureCheck check)
    {
        if (!Fields.Contains(field))
            throw new DomainValidationException(new FieldErrors().Add("field", $"“{FieldErrors.Quote(field)}”不是可核实的县级数值（{string.Join("、", Fields)}）。"));
        if (!IsPending(profile, field)) return null;
        return field switch
        {
            "landQuotaMu" => profile with { LandQuotaMu = profile.LandQuotaMu.Reviewed(verified, check) },
            "energyQuotaTce" => profile with { EnergyQuotaTce = profile.EnergyQuotaTce.Reviewed(verified, check) },
            "landPriceFloor" => profile with { LandPriceFloor = verified ? profile.LandPriceFloor!.Reviewed(true, check) : profile.LandPriceFloor!.Before },
            "fiscallyDirect" => profile with { FiscallyDirect = profile.FiscallyDirect.Reviewed(verified, check) },
            _ => profile with { OldRevolutionaryBase = profile.OldRevolutionaryBase.Reviewed(verified, check) },
        };
    }
}
