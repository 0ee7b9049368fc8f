using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Domain.Validation;

namespace Matching.Domain.Agreements;

/// <summary>A share as submitted.</summary>
public sealed record AgreementShareInput(string? County, decimal? Percent);

/// <summary>
/// An agreement as a coordinator submits it for a project's co-build or referral decision. What the
/// decision already says is the default: a co-build's parties, shares and years; a referral's partner is
/// the referring (first-contact) county.
/// </summary>
/// <param name="Template"><c>5:5</c>, <c>7:3</c> or <c>8:2</c> (host first, two parties) or <c>custom</c> (with <paramref name="Shares"/>); null: the decision's shares.</param>
/// <param name="Partner">With a template: the partner county; null for the decision's other party.</param>
/// <param name="Shares">With <c>custom</c>: every party's share, summing to 100, the host among them.</param>
/// <param name="FirstYear">First calendar year shared; null for the decision's year.</param>
/// <param name="Years">How many years; null for the co-build decision's years.</param>
/// <param name="Indicators">Which indicators are split; null for all three.</param>
public sealed record AgreementInput(
    string? Template,
    string? Partner,
    IReadOnlyList<AgreementShareInput>? Shares,
    int? FirstYear,
    int? Years,
    IReadOnlyList<SharedIndicator>? Indicators)
{
    /// <summary>The share templates in use in Shandong (host share first).</summary>
    public static IReadOnlyDictionary<string, (decimal Host, decimal Partner)> Templates { get; } = new Dictionary<string, (decimal, decimal)>
    {
        ["5:5"] = (50, 50),
        ["7:3"] = (70, 30),
        ["8:2"] = (80, 20),
    };

    /// <summary>The template of custom shares.</summary>
    public const string Custom = "custom";

    /// <summary>Validates the agreement against the decision it derives from.</summary>
    /// <param name="decision">The project's co-build or referral decision.</param>
    /// <param name="decisionVersion">The project version it was made on.</param>
    /// <param name="project">The project's id and title.</param>
    /// <param name="referrer">For a referral: the county that referred it (the first-contact county), when known.</param>
    /// <param name="province">Counties.</param>
    /// <param name="madeBy">The coordinator.</param>
    /// <param name="madeAt">Now.</param>
    /// <exception cref="DomainValidationException">With every failing field.</exception>
    public Agreement Validate(Decision decision, long decisionVersion, (Guid Id, string Title) project, string? referrer, Province province, string madeBy, DateTimeOffset madeAt)
    {
        var errors = new FieldErrors();
        var terms = decision.Terms;
        var kind = terms.Kind switch
        {
            DecisionKind.CoBuild => AgreementKind.CoBuild,
            DecisionKind.Refer => AgreementKind.Referral,
            _ => throw new ArgumentException("Only a co-build or a referral gives rise to an agreement.", nameof(decision)),
        };
        var host = terms.County!;
        var template = Template?.Trim() ?? (Shares is null ? null : Custom);
        var shares = new List<AgreementShare>();

        if (template is null)
        {
            if (kind == AgreementKind.CoBuild) shares.AddRange(terms.Shares.Select(s => new AgreementShare(s.County, s.Percent)));
            else errors.Add("template", "转介协议须选择分成模板（5:5、7:3、8:2）或 custom 自定义份额。");
        }
        else if (Templates.TryGetValue(template, out var split))
        {
            var partner = Partner ?? (kind == AgreementKind.CoBuild
                ? (terms.Shares.Count == 2 ? terms.Shares.Single(s => s.County != host).County : null)
                : referrer);
            if (partner is null) errors.Add("partner", kind == AgreementKind.CoBuild ? "模板只适用于两方；多方共建请用 custom 自定义份额。" : "须注明转介方（合作县）。");
            else if (!province.HasCounty(partner)) errors.Add("partner", $"“{FieldErrors.Quote(partner)}”不是山东省县级行政区代码。");
            else if (partner == host) errors.Add("partner", "合作县不能是项目所在县。");
            else shares.AddRange([new AgreementShare(host, split.Host), new AgreementShare(partner, split.Partner)]);
        }
        else if (template == Custom)
        {
            var given = Shares ?? [];
            for (var i = 0; i < given.Count; i++)
            {
                var share = given[i];
                if (!province.HasCounty(share?.County)) errors.Add($"shares[{i}].county", $"“{FieldErrors.Quote(share?.County)}”不是山东省县级行政区代码。");
                else if (share!.Percent is not { } percent || percent <= 0 || percent > 100) errors.Add($"shares[{i}].percent", "份额须大于 0、不超过 100。");
                else shares.Add(new AgreementShare(share.County!, percent));
            }

            if (given.Count < 2) errors.Add("shares", "协议至少需要项目所在县和一个合作县。");
        }
        else errors.Add("template", $"分成模板须为 5:5、7:3、8:2 或 custom（收到“{FieldErrors.Quote(template)}”）。");

        if (errors.IsEmpty) CheckShares(shares, host, kind == AgreementKind.CoBuild ? terms.Shares.Select(s => s.County).ToHashSet() : null, errors);

        var years = Years ?? terms.Years;
        if (years is null or < 1 or > 50) errors.Add("years", "分享年限须在 1 到 50 年之间。");
        var firstYear = FirstYear ?? decision.DecidedAt.ToOffset(TimeSpan.FromHours(8)).Year;
        if (firstYear is < 2000 or > 2100) errors.Add("firstYear", "起始年度须在 2000 到 2100 年之间。");
        var indicators = Indicators ?? SharedIndicators.All;
        if (indicators.Count == 0) errors.Add("indicators", "至少选择一项分享指标：retainedTax、outputValue、fixedAssetInvestment。");
        else if (indicators.Distinct().Count() != indicators.Count) errors.Add("indicators", "同一指标不能出现两次。");

        if (!errors.IsEmpty) throw new DomainValidationException(errors);
        // The host first: documents and ledgers read it as the county where the firm is.
        var ordered = shares.OrderByDescending(s => s.County == host).ToArray();
        // Custom shares that follow a template are recorded as that template.
        return new Agreement(project.Id, project.Title, kind, host, ordered, template is null or Custom ? AgreementDrafts.Template(ordered) : template, firstYear, years!.Value,
            [.. SharedIndicators.All.Where(indicators.Contains)], decisionVersion, madeBy, madeAt);
    }

    private static void CheckShares(List<AgreementShare> shares, string host, HashSet<string>? decided, FieldErrors errors)
    {
        if (shares.Select(s => s.County).Distinct().Count() != shares.Count) errors.Add("shares", "同一县不能出现两次。");
        else if (shares.Sum(s => s.Percent) != 100) errors.Add("shares", $"各方份额之和须为 100%（现为 {shares.Sum(s => s.Percent)}%）。");
        else if (shares.All(s => s.County != host)) errors.Add("shares", "份额须包括项目所在县（牵头县）。");
        // A co-build's parties are the ones the decision named; the agreement settles how they share.
        else if (decided is not null && !decided.SetEquals(shares.Select(s => s.County)))
            errors.Add("shares", "共建协议的各方须与统筹决定的共建各方一致。");
    }
}
