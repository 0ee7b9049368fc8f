using System.Globalization;
using Matching.Domain.Counties;

namespace Matching.Domain.Compliance;

/// <summary>A county where the investor is already known to operate.</summary>
/// <param name="CountyAdcode">Adcode of the county.</param>
/// <param name="CountyName">Its name as shown to officials (e.g. 临沂市兰山区).</param>
public sealed record InvestorPresence(string CountyAdcode, string CountyName);

/// <summary>What the firewall needs to know beyond the bid itself.</summary>
/// <param name="LandPriceFloor">
/// The bidding county's minimum industrial land price in 万元 per 亩, with its provenance (a seeded default
/// until a county or coordinator sets the official figure); null when none is set.
/// </param>
/// <param name="InvestorCounties">Counties where the project's investor already operates.</param>
public sealed record BidContext(Figure? LandPriceFloor, IReadOnlyList<InvestorPresence> InvestorCounties)
{
    /// <summary>A context that knows nothing: no floor, no presence.</summary>
    public static BidContext Unknown { get; } = new(null, []);
}

/// <summary>
/// The orderly-competition firewall: evaluates a bid against the rules of a <see cref="RuleBook"/> in force
/// on a date. Pure: the same bid, context, book and date always give the same verdict.
/// </summary>
public sealed class Firewall
{
    private const string DefaultProvincePrefix = "37";

    private readonly Dictionary<FairCompetitionRule, PhraseMatcher> _matchers = new(ReferenceEqualityComparer.Instance);

    /// <summary>Prepares the book's phrase rules for matching.</summary>
    /// <exception cref="ArgumentException">The book has problems (<see cref="Rules.VersionedRuleSet{TRule, TKind, TParameters}.Problems"/>).</exception>
    public Firewall(RuleBook book)
    {
        var problems = book.Problems();
        if (problems.Count > 0) throw new ArgumentException("Rule set is not valid: " + string.Join(" ", problems), nameof(book));
        Book = book;
        foreach (var rule in book.Rules.Where(r => r.Kind is RuleKind.BannedPhrase or RuleKind.LocalRegistrationCondition))
            _matchers[rule] = new PhraseMatcher(rule.Parameters, book);
    }

    /// <summary>The rule set applied.</summary>
    public RuleBook Book { get; }

    /// <summary>Evaluates a bid with every rule in force on <paramref name="today"/>.</summary>
    public FirewallVerdict Evaluate(Bid bid, BidContext context, DateOnly today)
    {
        var violations = new List<Violation>();
        var flags = new List<ComplianceFlag>();
        var texts = bid.FreeTexts().ToArray();
        foreach (var rule in Book.InForce(today))
        {
            switch (rule.Kind)
            {
                case RuleKind.BannedPhrase or RuleKind.LocalRegistrationCondition:
                    violations.AddRange(ScanRule(rule, texts));
                    break;
                case RuleKind.LandPriceFloor:
                    CheckLandPrice(rule, bid, context.LandPriceFloor, violations, flags);
                    break;
                case RuleKind.RelocationNotice:
                    flags.AddRange(Relocations(rule, bid.County, context.InvestorCounties));
                    break;
            }
        }

        return new FirewallVerdict(Book.Version, violations, flags);
    }

    /// <summary>
    /// Scans any free text (a decision's reason, a project's description) with the phrase rules in force:
    /// the issue bans the phrases in every free text, not only in bids.
    /// </summary>
    public IReadOnlyList<Violation> Scan(IEnumerable<FreeText> texts, DateOnly today)
    {
        var all = texts.ToArray();
        return Book.InForce(today)
            .Where(r => r.Kind is RuleKind.BannedPhrase or RuleKind.LocalRegistrationCondition)
            .SelectMany(r => ScanRule(r, all))
            .ToArray();
    }

    private IEnumerable<Violation> ScanRule(FairCompetitionRule rule, IReadOnlyList<FreeText> texts)
    {
        var matcher = _matchers[rule];
        foreach (var text in texts)
        {
            var phrases = matcher.Find(text.Text);
            if (phrases.Count == 0) continue;
            var quoted = string.Join("、", phrases.Select(p => $"“{p}”"));
            yield return new Violation(
                rule.Id,
                rule.Title,
                text.Field,
                $"{text.Label}中的{quoted}违反规则「{rule.Title}」（{rule.Source}），请删除或改写后重新提交。",
                phrases);
        }

        foreach (var violation in AcrossFields(rule, matcher, texts)) yield return violation;
    }

    /// <summary>
    /// A phrase split over fields (税收 in the commitments, 返还 in the note) is the same offer: the texts
    /// are read together, joined by a list break so that only a contiguous phrase runs across, and a
    /// match touching several fields is reported on each of them.
    /// </summary>
    private static IEnumerable<Violation> AcrossFields(FairCompetitionRule rule, PhraseMatcher matcher, IReadOnlyList<FreeText> texts)
    {
        var written = texts.Where(t => !string.IsNullOrWhiteSpace(t.Text)).ToArray();
        if (written.Length < 2) yield break;
        var starts = new int[written.Length];
        var joined = new System.Text.StringBuilder();
        for (var i = 0; i < written.Length; i++)
        {
            if (i > 0) joined.Append(PhraseMatcher.FieldSeparator);
            starts[i] = joined.Length;
            joined.Append(written[i].Text);
        }

        var all = joined.ToString();
        int FieldAt(int position) => Array.FindLastIndex(starts, s => s <= position);
        foreach (var (start, end) in matcher.Spans(all))
        {
            var (first, last) = (FieldAt(start), FieldAt(end - 1));
            if (first == last) continue;
            var pieces = Enumerable.Range(first, last - first + 1).Select(i =>
            {
                var from = Math.Max(start, starts[i]);
                var to = Math.Min(end, starts[i] + written[i].Text!.Length);
                return from < to ? all[from..to] : string.Empty;
            }).ToArray();
            var labels = string.Join("与", written[first..(last + 1)].Select(t => t.Label));
            var quoted = string.Join("", pieces);
            for (var i = first; i <= last; i++)
            {
                yield return new Violation(
                    rule.Id,
                    rule.Title,
                    written[i].Field,
                    $"{labels}连起来的“{quoted}”违反规则「{rule.Title}」（{rule.Source}），请删除或改写后重新提交。",
                    [pieces[i - first]]);
            }
        }
    }

    private static void CheckLandPrice(FairCompetitionRule rule, Bid bid, Figure? floor, List<Violation> violations, List<ComplianceFlag> flags)
    {
        if (bid.LandMu <= 0 || bid.LandPrice is not { } price) return;
        if (floor is null)
        {
            // Without a floor the price cannot be checked; rejecting would block every bid of the
            // county, passing silently would hide the gap, so the coordinator is told.
            flags.Add(new ComplianceFlag(rule.Id, rule.Title,
                $"本县尚未设定工业用地出让最低价，无法核对土地价格 {Amount(price)} 万元/亩，请县或省级协调员核定（规则「{rule.Title}」）。",
                null));
            return;
        }

        // The floor in force: a county's own new floor counts once a coordinator verified it.
        var used = floor.SelfDeclared && floor.Before is { } before ? before : floor;
        if (price >= used.Value) return;
        var provenance = used.Source switch
        {
            FigureSource.Default => "（默认值，待县或省级协调员核定）",
            FigureSource.County when used.SelfDeclared => "（县自报，未核实）",
            FigureSource.County => "（县设定，已核实）",
            _ => string.Empty,
        } + (!ReferenceEquals(used, floor) ? $"（县新报 {Amount(floor.Value)} 万元/亩待核实，按核定值核对）" : string.Empty);
        violations.Add(new Violation(
            rule.Id,
            rule.Title,
            "landPrice",
            $"土地价格 {Amount(price)} 万元/亩低于本县工业用地出让最低价 {Amount(used.Value)} 万元/亩{provenance}，违反规则「{rule.Title}」（{rule.Source}）。",
            []));
    }

    private static IEnumerable<ComplianceFlag> Relocations(FairCompetitionRule rule, string biddingCounty, IReadOnlyList<InvestorPresence> presence)
    {
        var prefix = rule.Parameters.ProvincePrefix ?? DefaultProvincePrefix;
        return presence
            .Where(p => p.CountyAdcode.StartsWith(prefix, StringComparison.Ordinal) && p.CountyAdcode != biddingCounty)
            .DistinctBy(p => p.CountyAdcode)
            .Select(p => new ComplianceFlag(
                rule.Id,
                rule.Title,
                $"投资方已在{p.CountyName}经营，本项目可能涉及企业跨县迁移，须通知{p.CountyName}（规则「{rule.Title}」）。",
                p.CountyAdcode));
    }

    private static string Amount(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
