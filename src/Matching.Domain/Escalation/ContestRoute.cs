namespace Matching.Domain.Escalation;

/// <summary>The level that decides a contest.</summary>
public enum DecidingLevel
{
    /// <summary>A prefecture's coordinator (市级统筹).</summary>
    Prefecture,
    /// <summary>The provincial coordinators (省级统筹).</summary>
    Province,
}

/// <summary>Who decides a contest now, and which escalation rule put it there.</summary>
/// <param name="Level">The deciding level.</param>
/// <param name="Prefecture">The prefecture's adcode when <see cref="DecidingLevel.Prefecture"/> decides.</param>
/// <param name="PrefectureName">Its name (济宁市).</param>
/// <param name="RuleId">The escalation rule that routed the contest here (<c>ESC-SAME-PREFECTURE</c>, <c>ESC-TIMEOUT</c> …).</param>
/// <param name="RulesVersion">The version of the escalation rule set applied.</param>
/// <param name="Reason">Why, in Chinese (意向县均属济宁市，由济宁市统筹).</param>
/// <param name="Escalates">When a prefecture decides: what would send the contest to the province (超过 10 亿元将上报省级).</param>
/// <param name="Since">When the contest was routed here.</param>
/// <param name="By">Who routed it: <c>system</c> for a rule, the coordinator's account for a takeover.</param>
/// <param name="EscalatedFrom">The prefecture that held the contest before, when it was escalated from one.</param>
public sealed record ContestRoute(
    DecidingLevel Level,
    string? Prefecture,
    string? PrefectureName,
    string RuleId,
    string RulesVersion,
    string Reason,
    string? Escalates,
    DateTimeOffset Since,
    string By,
    string? EscalatedFrom = null)
{
    /// <summary>The actor recorded for routings made by a rule rather than a person.</summary>
    public const string System = "system";

    /// <summary>The line every contest shows: who decides, and what would escalate it (由济宁市统筹；超过 10 亿元将上报省级).</summary>
    public string Summary() => Escalates is null ? Reason : $"{Reason}；{Escalates}";

    /// <summary>The history note of this routing: the rule's id first, so the history says which rule caused it.</summary>
    public string Note() => $"{RuleId}：{Summary()}";
}

/// <summary>What routing a contest reads about it.</summary>
/// <param name="InvestmentWanYuan">Total investment, 万元.</param>
/// <param name="LandMu">Land, 亩.</param>
/// <param name="EnergyTce">Yearly energy use, 吨标准煤.</param>
/// <param name="HighEnergy">A 两高 project.</param>
/// <param name="BidderPrefectures">The prefecture adcode of every live bidder (one entry per bidder).</param>
public sealed record ContestFacts(decimal InvestmentWanYuan, decimal LandMu, decimal EnergyTce, bool HighEnergy, IReadOnlyList<string> BidderPrefectures);
