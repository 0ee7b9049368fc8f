using System.Text.Json;
using Matching.Contracts.Live;
using Matching.Domain;
using Matching.Domain.Geography;
using Matching.Domain.JointBids;
using Matching.Domain.Projects;

namespace Matching.Grains.Projects;

/// <summary>
/// Who hears of a joint bid: each invited partner county of the proposal (it must answer), the lead county
/// of each partner's confirmation or decline.
/// </summary>
internal static class JointBidLiveEvents
{
    /// <summary>Answers in the payload.</summary>
    public const string Proposed = "proposed", Confirmed = "confirmed", Declined = "declined";

    /// <summary>The invitation, to every partner county.</summary>
    public static IReadOnlyList<LiveEventDraft> Invited(Project project, JointBid joint, Province province, DateTimeOffset at) =>
        [.. joint.Shares.Skip(1).Select(share => Draft(LiveStreams.County(share.County), LiveEventTypes.JointBidProposed, project, joint, share.County, Proposed, null, province, at))];

    /// <summary>A partner's answer, to the lead county.</summary>
    public static IReadOnlyList<LiveEventDraft> Answered(Project project, JointBid joint, string partner, string answer, string? reason, Province province, DateTimeOffset at) =>
        [Draft(LiveStreams.County(joint.Lead), LiveEventTypes.JointBidAnswered, project, joint, partner, answer, reason, province, at)];

    private static LiveEventDraft Draft(string stream, string type, Project project, JointBid joint, string county, string answer, string? reason, Province province, DateTimeOffset at)
    {
        string Name(string adcode) => province.FindCounty(adcode)?.Name ?? adcode;
        var payload = new JointBidPayload(project.Id, project.Details.Title, joint.Lead, Name(joint.Lead), county, Name(county), answer,
            joint.Shares.FirstOrDefault(s => s.County == county)?.Percent ?? 0, [.. joint.Awaiting], joint.CountedAt is not null, reason);
        // One fact per proposal and partner: a proposal made again later is another fact.
        var id = $"{project.Id:N}/joint/{joint.Lead}/{joint.ProposedAt.UtcTicks}/{county}/{answer}";
        return new LiveEventDraft(stream, id, type, 1, at, project.Id, JsonSerializer.Serialize(payload, MatchingJson.Options));
    }
}
