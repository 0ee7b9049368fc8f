using System.Globalization;
using Matching.Domain.Rules;

namespace Matching.Domain.Escalation;

/// <summary>What an escalation rule looks at, and therefore which parameters it reads.</summary>
public enum EscalationKind
{
    /// <summary>Investment, land or energy above a threshold, or a 两高 project: the province decides.</summary>
    SizeThreshold,
    /// <summary>Bidders from more than one prefecture: the province decides.</summary>
    CrossPrefecture,
    /// <summary>Every bidder in one prefecture: that prefecture decides first.</summary>
    SamePrefecture,
    /// <summary>A prefecture that has not decided within <see cref="EscalationParameters.Days"/>: the province decides.</summary>
    Timeout,
    /// <summary>A provincial coordinator takes a contest over (always allowed; the rule names the act).</summary>
    ProvincialTakeover,
}

/// <summary>Parameters of an escalation rule; one flat shape, each kind reading its own members.</summary>
public sealed record EscalationParameters
{
    /// <summary>Investment above which the province decides, 万元 (<see cref="EscalationKind.SizeThreshold"/>).</summary>
    public decimal? InvestmentWanYuan { get; init; }

    /// <summary>Land above which the province decides, 亩.</summary>
    public decimal? LandMu { get; init; }

    /// <summary>Yearly energy use at or above which the province decides, 吨标准煤.</summary>
    public decimal? EnergyTce { get; init; }

    /// <summary>Whether a 两高 project always goes to the province.</summary>
    public bool? HighEnergy { get; init; }

    /// <summary>Days a prefecture has to decide (<see cref="EscalationKind.Timeout"/>).</summary>
    public decimal? Days { get; init; }
}

/// <summary>One escalation rule, in force from <see cref="VersionedRule{TKind, TParameters}.EffectiveFrom"/> through <see cref="VersionedRule{TKind, TParameters}.EffectiveTo"/>.</summary>
public sealed record EscalationRule(
    string Id,
    EscalationKind Kind,
    string Title,
    string Text,
    string Source,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    EscalationParameters Parameters) : VersionedRule<EscalationKind, EscalationParameters>(Id, Kind, Title, Text, Source, EffectiveFrom, EffectiveTo, Parameters);

/// <summary>
/// The versioned escalation rules (<c>seeds/rules/escalation.json</c>): which level decides a contest,
/// by where the bidders are, by size and by time. Data with effective dates, like the fair-competition
/// rules, so that a province changing its thresholds changes routing without a release.
/// </summary>
public sealed record EscalationRuleBook : VersionedRuleSet<EscalationRule, EscalationKind, EscalationParameters>
{
    /// <summary>The rule of a kind in force on a date, if any.</summary>
    public EscalationRule? InForce(EscalationKind kind, DateOnly date) => Rules.FirstOrDefault(r => r.Kind == kind && r.IsInForce(date));

    /// <summary>How long a prefecture has to decide under the rules of the date, or null when no timeout is in force.</summary>
    public TimeSpan? TimeoutOn(DateOnly date) => InForce(EscalationKind.Timeout, date)?.Parameters.Days is { } days ? TimeSpan.FromDays((double)days) : null;

    /// <summary>
    /// Where a contest goes: size first (a large project is the province's wherever its bidders are), then
    /// bidders across prefectures (the province), then bidders all in one prefecture (that prefecture).
    /// </summary>
    /// <param name="facts">The contest.</param>
    /// <param name="date">The day (China time) whose rules apply.</param>
    /// <param name="at">Now.</param>
    /// <param name="prefectureName">Names a prefecture adcode.</param>
    public ContestRoute Route(ContestFacts facts, DateOnly date, DateTimeOffset at, Func<string, string> prefectureName)
    {
        var size = InForce(EscalationKind.SizeThreshold, date);
        if (size is not null && Exceeded(size.Parameters, facts) is { } exceeded)
            return Province(size, $"{exceeded}，由省级统筹", at);

        var prefectures = facts.BidderPrefectures.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var cross = InForce(EscalationKind.CrossPrefecture, date);
        var same = InForce(EscalationKind.SamePrefecture, date);
        if (prefectures.Length > 1)
        {
            var rule = cross ?? throw new InvalidOperationException($"No cross-prefecture rule is in force on {date:yyyy-MM-dd}.");
            return Province(rule, $"意向县分属{string.Join("、", prefectures.Select(prefectureName))}，由省级统筹", at);
        }

        // Without a same-prefecture rule in force every contest is the province's.
        if (same is null || prefectures.Length == 0)
            return Province(cross ?? size ?? throw new InvalidOperationException($"No escalation rule is in force on {date:yyyy-MM-dd}."), "由省级统筹", at);
        var name = prefectureName(prefectures[0]);
        return new ContestRoute(DecidingLevel.Prefecture, prefectures[0], name, same.Id, Version, $"意向县均属{name}，由{name}统筹", Ceiling(size, date), at, ContestRoute.System);
    }

    /// <summary>
    /// The route after a change of bids: the rules' route, except that a contest the province holds stays
    /// there (an escalation is not undone by a bidder leaving). Null when nothing changes.
    /// </summary>
    public ContestRoute? Reroute(ContestRoute? current, ContestFacts facts, DateOnly date, DateTimeOffset at, Func<string, string> prefectureName)
    {
        if (current is { Level: DecidingLevel.Province }) return null;
        var next = Route(facts, date, at, prefectureName);
        if (current is not null && current.Level == next.Level && current.Prefecture == next.Prefecture) return null;
        return current is null ? next : next with { EscalatedFrom = current.Prefecture };
    }

    /// <summary>The province's route once a prefecture has held a contest past the timeout; null if it was not the prefecture's.</summary>
    public ContestRoute? Timeout(ContestRoute current, DateOnly date, DateTimeOffset at)
    {
        if (current.Level != DecidingLevel.Prefecture || InForce(EscalationKind.Timeout, date) is not { } rule) return null;
        return Province(rule, $"{current.PrefectureName}{Days(rule.Parameters.Days ?? 0)}内未作决定，上报省级统筹", at) with { EscalatedFrom = current.Prefecture };
    }

    /// <summary>A provincial coordinator taking a contest over.</summary>
    public ContestRoute TakeOver(ContestRoute? current, string coordinator, string reason, DateOnly date, DateTimeOffset at)
    {
        var rule = InForce(EscalationKind.ProvincialTakeover, date);
        return new ContestRoute(DecidingLevel.Province, null, null, rule?.Id ?? "ESC-TAKEOVER", Version, $"省级统筹协调员接管：{reason}", null, at, coordinator, current?.Prefecture);
    }

    private ContestRoute Province(EscalationRule rule, string reason, DateTimeOffset at) =>
        new(DecidingLevel.Province, null, null, rule.Id, Version, reason, null, at, ContestRoute.System);

    /// <summary>The first threshold the contest is above, in words; null when it is below all of them.</summary>
    private static string? Exceeded(EscalationParameters p, ContestFacts f)
    {
        if (p.InvestmentWanYuan is { } investment && f.InvestmentWanYuan > investment) return $"投资 {Money(f.InvestmentWanYuan)}，超过 {Money(investment)}";
        if (p.LandMu is { } land && f.LandMu > land) return $"用地 {land:0.##} 亩以上";
        if (p.EnergyTce is { } energy && f.EnergyTce >= energy) return $"年综合能耗 {Tce(energy)}及以上";
        if (p.HighEnergy == true && f.HighEnergy) return "属“两高”项目";
        return null;
    }

    /// <summary>What would send a prefecture's contest up: thresholds and the timeout (超过 10 亿元将上报省级).</summary>
    private string? Ceiling(EscalationRule? size, DateOnly date)
    {
        var parts = new List<string>();
        if (size?.Parameters is { } p)
        {
            var limits = new List<string>();
            if (p.InvestmentWanYuan is { } investment) limits.Add($"投资超过 {Money(investment)}");
            if (p.LandMu is { } land) limits.Add($"用地超过 {land:0.##} 亩");
            if (p.EnergyTce is { } energy) limits.Add($"年综合能耗达到 {Tce(energy)}");
            if (p.HighEnergy == true) limits.Add("属“两高”项目");
            if (limits.Count > 0) parts.Add(string.Join("、", limits) + "将上报省级");
        }

        if (InForce(EscalationKind.Timeout, date)?.Parameters.Days is { } days) parts.Add($"{Days(days)}内未决定将上报省级");
        return parts.Count == 0 ? null : string.Join("；", parts);
    }

    private static string Money(decimal wanYuan) =>
        wanYuan >= 10000 ? $"{(wanYuan / 10000).ToString("0.##", CultureInfo.InvariantCulture)} 亿元" : $"{wanYuan.ToString("0.##", CultureInfo.InvariantCulture)} 万元";

    private static string Tce(decimal tce) =>
        tce >= 10000 ? $"{(tce / 10000).ToString("0.##", CultureInfo.InvariantCulture)} 万吨标准煤" : $"{tce.ToString("0.##", CultureInfo.InvariantCulture)} 吨标准煤";

    /// <summary>A period in words; shorter than a day only when a drill or test shortened the timeout.</summary>
    private static string Days(decimal days)
    {
        var span = TimeSpan.FromDays((double)days);
        string Of(double value, string unit) => $" {Math.Round(value, 2).ToString(CultureInfo.InvariantCulture)} {unit}";
        return span.TotalDays >= 1 ? Of(span.TotalDays, "日") : span.TotalHours >= 1 ? Of(span.TotalHours, "小时") : span.TotalMinutes >= 1 ? Of(span.TotalMinutes, "分钟") : Of(span.TotalSeconds, "秒");
    }

    /// <summary>Reads and checks a rule file's text.</summary>
    /// <exception cref="InvalidDataException">Malformed JSON, unknown members or kinds, or a rule <see cref="VersionedRuleSet{TRule, TKind, TParameters}.Problems"/> names.</exception>
    public static EscalationRuleBook Parse(string json) => Parse<EscalationRuleBook>(json, "Escalation rules are not valid", "Escalation rules are empty.");

    /// <summary>A routing rule's text is its title and source; the text is optional.</summary>
    protected override bool RequiresText => false;

    // A rule that cannot be applied must stop loading, not route by accident.
    protected override IEnumerable<string> RuleProblems(EscalationRule rule, string at)
    {
        var p = rule.Parameters;
        if (rule.Kind == EscalationKind.SizeThreshold && p.InvestmentWanYuan is null && p.LandMu is null && p.EnergyTce is null && p.HighEnergy is null)
            yield return $"{at} a size threshold needs at least one of investmentWanYuan, landMu, energyTce, highEnergy.";
        if (new[] { p.InvestmentWanYuan, p.LandMu, p.EnergyTce }.Any(v => v <= 0)) yield return $"{at} thresholds must be positive.";
        if (rule.Kind == EscalationKind.Timeout && p.Days is not > 0) yield return $"{at} days must be positive.";
    }

    // One rule of a kind at a time: two size rules in force would make the route depend on their order.
    protected override IEnumerable<string> PeriodProblems() =>
        Overlapping(r => r.Kind).Select(p => $"kind {p.Earlier.Kind}: rules {p.Earlier.Id} and {p.Later.Id} overlap.");

    /// <summary>This set with the timeout replaced (tests and drills shorten it; the file stays the record).</summary>
    public EscalationRuleBook WithTimeout(TimeSpan timeout) => this with
    {
        Rules = [.. Rules.Select(r => r.Kind == EscalationKind.Timeout ? r with { Parameters = r.Parameters with { Days = (decimal)timeout.TotalDays } } : r)],
    };
}
