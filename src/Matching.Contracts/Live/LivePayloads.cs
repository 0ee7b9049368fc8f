namespace Matching.Contracts.Live;

/// <summary>Payload of <c>projectPublished</c> (v1). <see cref="FitScore"/> is the receiving county's, on county streams only.</summary>
public sealed record ProjectPublishedPayload(
    Guid ProjectId, string Title, string IndustryCode, string IndustryName, decimal Investment, decimal LandMu, decimal EnergyTce, double? FitScore);

/// <summary>Payload of <c>projectUpdated</c> (v1).</summary>
public sealed record ProjectUpdatedPayload(Guid ProjectId, string Title, string Status, long Version);

/// <summary>Payload of <c>bidPlaced</c> and <c>bidWithdrawn</c> (v1).</summary>
public sealed record BidPayload(Guid ProjectId, string County, string CountyName, string ProjectStatus);

/// <summary>Payload of <c>projectContested</c> (v1).</summary>
public sealed record ProjectContestedPayload(Guid ProjectId, string Title, IReadOnlyList<string> Counties);

/// <summary>One county's part of a decision.</summary>
public sealed record AwardShare(string County, decimal Share);

/// <summary>Payload of <c>contestRouted</c> (v1): who decides now, by which rule, and from which prefecture it came.</summary>
public sealed record ContestRoutedPayload(
    Guid ProjectId, string Title, string Level, string? Prefecture, string? PrefectureName, string RuleId, string Summary, string? EscalatedFrom, string By);

/// <summary>Payload of <c>decisionMade</c> (v1).</summary>
public sealed record DecisionMadePayload(
    Guid ProjectId, string Title, string Kind, IReadOnlyList<AwardShare> Awards, string? ReferredTo, string Reason, string DecidedBy, string ProjectStatus);

/// <summary>A quota's figures.</summary>
public sealed record QuotaFigures(decimal Capacity, decimal Reserved, decimal Available);

/// <summary>Payload of <c>quotaChanged</c> (v1): the county's energy quota, or the land of one of its parks.</summary>
public sealed record QuotaChangedPayload(string County, QuotaFigures? Energy, string? ParkId, QuotaFigures? Land);

/// <summary>Payload of <c>relocationNotice</c> (v1): a bid flagged as a possible relocation from the recipient county.</summary>
public sealed record RelocationNoticePayload(Guid ProjectId, string Title, string BiddingCounty, string BiddingCountyName, string RuleId, string Message);
