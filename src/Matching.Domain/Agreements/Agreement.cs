namespace Matching.Domain.Agreements;

/// <summary>What gave rise to a benefit-sharing agreement.</summary>
public enum AgreementKind
{
    /// <summary>A co-build decision (共建): the lead county hosts the project, the partners share in it.</summary>
    CoBuild,
    /// <summary>A referral decision (转介): the target county hosts it, the referring county shares in it.</summary>
    Referral,
}

/// <summary>How a settlement year stands between the parties.</summary>
public enum SettlementStatus
{
    /// <summary>The year's shares are owed and not yet settled.</summary>
    Due,
    /// <summary>The parties settled the year.</summary>
    Paid,
    /// <summary>A party disputes the year's figures or payment.</summary>
    Disputed,
}

/// <summary>Where an agreement stands.</summary>
public enum AgreementStatus
{
    /// <summary>Drafted from the co-build decision: the parties complete it (term, shared indicators), a coordinator confirms it.</summary>
    Draft,
    /// <summary>Confirmed by a coordinator (or recorded by one): its ledgers and settlements are kept.</summary>
    Confirmed,
    /// <summary>A later decision changed its parties or shares, or ended the decision it derives from.</summary>
    Superseded,
}

/// <summary>A party's share of an agreement.</summary>
/// <param name="County">The county's adcode.</param>
/// <param name="Percent">Its share, percent; the parties' shares sum to 100.</param>
public sealed record AgreementShare(string County, decimal Percent);

/// <summary>
/// A benefit-sharing agreement (利益分享协议) of one project: who hosts it (where the firm is, and so
/// where the official statistics count everything), who shares, by how much, for which years and
/// which indicators.
/// </summary>
/// <param name="ProjectId">The project.</param>
/// <param name="ProjectTitle">Its title when the agreement was made (documents print it).</param>
/// <param name="Kind">Co-build or referral.</param>
/// <param name="HostCounty">Where the firm is registered: the lead county of a co-build, the target of a referral.</param>
/// <param name="Shares">Every party's share, the host's first; they sum to 100.</param>
/// <param name="Template">The share template used: 5:5, 7:3, 8:2 or custom.</param>
/// <param name="FirstYear">The first calendar year shared.</param>
/// <param name="Years">How many years are shared.</param>
/// <param name="Indicators">The indicators split by the shares in the assessment ledger.</param>
/// <param name="DecisionVersion">The project version the decision it derives from was made on.</param>
/// <param name="MadeBy">The coordinator who recorded it.</param>
/// <param name="MadeAt">When.</param>
/// <param name="Status">Draft, confirmed or superseded; agreements stored before drafts existed were recorded by a coordinator, so confirmed.</param>
/// <param name="ConfirmedBy">The coordinator who confirmed it (or recorded it confirmed).</param>
/// <param name="ConfirmedAt">When.</param>
public sealed record Agreement(
    Guid ProjectId,
    string ProjectTitle,
    AgreementKind Kind,
    string HostCounty,
    IReadOnlyList<AgreementShare> Shares,
    string Template,
    int FirstYear,
    int Years,
    IReadOnlyList<SharedIndicator> Indicators,
    long DecisionVersion,
    string MadeBy,
    DateTimeOffset MadeAt,
    AgreementStatus Status = AgreementStatus.Confirmed,
    string? ConfirmedBy = null,
    DateTimeOffset? ConfirmedAt = null)
{
    /// <summary>The last calendar year shared.</summary>
    public int LastYear => FirstYear + Years - 1;

    /// <summary>True when the county is a party (the host or a partner).</summary>
    public bool IsParty(string? county) => county is not null && Shares.Any(s => s.County == county);

    /// <summary>True when the year lies within the agreement's term.</summary>
    public bool Covers(int year) => year >= FirstYear && year <= LastYear;

    /// <summary>True when the indicator is split by the shares.</summary>
    public bool Splits(SharedIndicator indicator) => Indicators.Contains(indicator);
}
