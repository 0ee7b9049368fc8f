using System.Text.Json.Serialization;
using Matching.Domain.Geography;
using Matching.Domain.Parks;
using Matching.Domain.Projects;
using Matching.Domain.Validation;

namespace Matching.Domain.Decisions;

/// <summary>What a provincial coordinator decides on a project (统筹决定).</summary>
public enum DecisionKind
{
    /// <summary>Award to one county and park.</summary>
    Award,
    /// <summary>Co-build: a lead county and partners with shares summing to 100 %, for some years.</summary>
    [JsonStringEnumMemberName("cobuild")]
    CoBuild,
    /// <summary>Refer to another county, where the project is open again.</summary>
    Refer,
    /// <summary>Reopen for bids, releasing what an earlier award reserved.</summary>
    Reopen,
    /// <summary>Reject the project altogether.</summary>
    Reject,
}

/// <summary>A county's share of a co-built project (benefit-sharing agreement).</summary>
public sealed record DecisionShare(string County, decimal Percent);

/// <summary>A share as submitted.</summary>
public sealed record DecisionShareInput(string? County, decimal? Percent);

/// <summary>
/// A decision as submitted; <see cref="ExpectedVersion"/> is the project version the coordinator decided on.
/// An award or co-build names counties that bid, unless <see cref="AssignsNonBidder"/> says explicitly that
/// it assigns the project to a county that did not.
/// </summary>
public sealed record DecisionInput(
    DecisionKind? Kind,
    string? County,
    string? ParkId,
    IReadOnlyList<DecisionShareInput>? Shares,
    int? Years,
    string? Reason,
    long? ExpectedVersion)
{
    /// <summary>True when the coordinator assigns the project to a county (or partner) that did not bid.</summary>
    public bool? AssignsNonBidder { get; init; }

    /// <summary>Validates the decision against the province and the project's live bids.</summary>
    /// <param name="province">Counties and parks.</param>
    /// <param name="liveBidders">Counties with a live bid on the project now.</param>
    /// <param name="placedPark">
    /// The named park as a coordinator placed it from the holding list (its county is on the park, not in the
    /// catalogue <paramref name="province"/> holds); null when the catalogue's county stands.
    /// </param>
    /// <exception cref="DomainValidationException">With every failing field.</exception>
    public DecisionTerms Validate(Province province, IReadOnlyCollection<string> liveBidders, ParkReference? placedPark = null)
    {
        var errors = new FieldErrors();
        if (Kind is null) errors.Add("kind", "必填：award、cobuild、refer、reopen 或 reject。");
        if (ExpectedVersion is null or < 1) errors.Add("expectedVersion", "必填：作出决定时看到的项目版本号。");
        var reason = TextInput.Check(Reason, "reason", 2000, errors, multiline: true);
        if (reason.Length == 0) errors.Add("reason", "必填：决定理由。");

        var needsCounty = Kind is DecisionKind.Award or DecisionKind.CoBuild or DecisionKind.Refer;
        if (needsCounty && !province.HasCounty(County)) errors.Add("county", $"须为山东省县级行政区代码（收到“{FieldErrors.Quote(County)}”）。");
        var needsPark = Kind is DecisionKind.Award or DecisionKind.CoBuild;
        if (needsPark && province.FindPark(ParkId) is null) errors.Add("parkId", $"没有编号为“{FieldErrors.Quote(ParkId)}”的园区。");

        var shares = new List<DecisionShare>();
        if (Kind == DecisionKind.CoBuild)
        {
            var given = Shares ?? [];
            for (var i = 0; i < given.Count; i++)
            {
                var share = given[i];
                if (!province.HasCounty(share?.County)) errors.Add($"shares[{i}].county", $"“{FieldErrors.Quote(share?.County)}”不是山东省县级行政区代码。");
                else if (share!.Percent is not { } percent || percent <= 0 || percent > 100) errors.Add($"shares[{i}].percent", "份额须大于 0、不超过 100。");
                else shares.Add(new DecisionShare(share.County!, percent));
            }

            if (shares.Select(s => s.County).Distinct().Count() != shares.Count) errors.Add("shares", "同一县不能出现两次。");
            if (shares.Count < 2) errors.Add("shares", "共建至少需要牵头县和一个合作县。");
            else if (shares.Sum(s => s.Percent) != 100) errors.Add("shares", $"各方份额之和须为 100%（现为 {shares.Sum(s => s.Percent)}%）。");
            else if (County is not null && shares.All(s => s.County != County)) errors.Add("shares", "份额须包括牵头县。");
            if (Years is null or < 1 or > 50) errors.Add("years", "共建年限须在 1 到 50 年之间。");
        }

        if (errors.IsEmpty && needsPark) DecisionRules.CheckAssignment(this, province, liveBidders, errors, placedPark);
        if (!errors.IsEmpty) throw new DomainValidationException(errors);
        return new DecisionTerms(Kind!.Value, needsCounty ? County : null, needsPark ? ParkId : null, shares,
            Kind == DecisionKind.CoBuild ? Years : null, reason, ExpectedVersion!.Value);
    }
}

/// <summary>A validated decision.</summary>
public sealed record DecisionTerms(
    DecisionKind Kind, string? County, string? ParkId, IReadOnlyList<DecisionShare> Shares, int? Years, string Reason, long ExpectedVersion)
{
    /// <summary>The lifecycle trigger the decision applies.</summary>
    public ProjectTrigger Trigger => Kind switch
    {
        DecisionKind.Award => ProjectTrigger.Award,
        DecisionKind.CoBuild => ProjectTrigger.CoBuild,
        DecisionKind.Refer => ProjectTrigger.Refer,
        DecisionKind.Reopen => ProjectTrigger.Reopen,
        _ => ProjectTrigger.Withdraw,
    };

    /// <summary>Energy each county reserves, tce per year: all at the awarded county, or split by co-building shares.</summary>
    public IReadOnlyList<(string County, decimal EnergyTce)> EnergySplit(decimal energyTce) => Kind switch
    {
        DecisionKind.Award => [(County!, energyTce)],
        DecisionKind.CoBuild => Shares.Select(s => (s.County, decimal.Round(energyTce * s.Percent / 100, 2))).ToArray(),
        _ => [],
    };
}

/// <summary>A county's fit and flags as the coordinator saw them when deciding.</summary>
public sealed record DecisionSight(string County, double? Score, IReadOnlyList<string> Flags);

/// <summary>A recorded decision: who, when, why, on which version, and what was seen.</summary>
public sealed record Decision(DecisionTerms Terms, string DecidedBy, DateTimeOffset DecidedAt, IReadOnlyList<DecisionSight> Saw)
{
    /// <summary>True when it revised the award or co-build standing before it (its reason says why).</summary>
    public bool IsRevision { get; init; }
}
