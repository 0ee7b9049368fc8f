namespace Matching.Contracts.Live;

/// <summary>
/// Payload of <c>jointBidProposed</c> and <c>jointBidAnswered</c> (v1). <see cref="County"/> is the partner the
/// event is about (the invited one, or the one who answered); <see cref="Answer"/> is <c>proposed</c>,
/// <c>confirmed</c> or <c>declined</c>; <see cref="Awaiting"/> the partners still to answer.
/// </summary>
public sealed record JointBidPayload(
    Guid ProjectId, string Title, string Lead, string LeadName, string County, string CountyName, string Answer, decimal Percent,
    IReadOnlyList<string> Awaiting, bool Counts, string? Reason);
