using System.Text.Json;
using Matching.Contracts.Live;
using Matching.Domain;
using Matching.Domain.Compliance;
using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Domain.Projects;

namespace Matching.Grains.Projects;

/// <summary>
/// What a stored change of a project tells whom: the live events, one per recipient stream, derived
/// from the project before and after. Ids are the project, its version and the type, so sending the
/// same change twice stores it once.
/// </summary>
internal static class ProjectLiveEvents
{
    public static IReadOnlyList<LiveEventDraft> For(
        Project? previous, Project next,
        IReadOnlyDictionary<string, double> interestsBefore, IReadOnlyDictionary<string, double> interestsAfter,
        IReadOnlyDictionary<string, PlacedBid> bids, Decision? decision, Province province)
    {
        if (previous is null) return [];
        var bidders = bids.Keys;
        var added = next.Changes.ToArray();
        if (added.Length == 0) return [];

        var at = added[^1].At;
        var drafts = new List<LiveEventDraft>();
        var staff = new[] { LiveStreams.Officer(next.CreatedBy), LiveStreams.Coordinators };
        // What anyone who may see the project may know: no fit scores, no bidders before a decision.
        var watchers = new[] { LiveStreams.Project(next.Id) };
        void Send(IEnumerable<string> streams, string type, object payload)
        {
            var json = JsonSerializer.Serialize(payload, payload.GetType(), MatchingJson.Options);
            drafts.AddRange(streams.Distinct().Select(s => new LiveEventDraft(s, $"{next.Id:N}/{next.Version}/{type}", type, 1, at, next.Id, json)));
        }

        var title = next.Details.Title;
        var status = Json(next.Status);
        var industry = next.Details.IndustryCode.Value;
        ProjectPublishedPayload Card(double? fit) => new(next.Id, title, industry, province.Industries.Find(industry)?.Name ?? industry,
            next.Details.Investment, next.Details.LandMu, next.Details.EnergyTce, fit);

        var published = added.Any(e => e.Trigger == ProjectTrigger.Publish);
        var live = next.Status is ProjectStatus.Open or ProjectStatus.Contested;
        if (published) Send(staff.Concat(watchers), LiveEventTypes.ProjectPublished, Card(null));
        // Counties the project newly fits hear of it as published (with their score); those that had it, of a change.
        if (live)
        {
            foreach (var (county, score) in interestsAfter.Where(i => published || !interestsBefore.ContainsKey(i.Key)))
                Send([LiveStreams.County(county)], LiveEventTypes.ProjectPublished, Card(Math.Round(score, 4)));
        }

        var changed = added.Any(e => e.Kind == ProjectEventKind.Edited ||
            (e.Kind == ProjectEventKind.Transitioned && e.Trigger is not (ProjectTrigger.Publish or ProjectTrigger.Contest or ProjectTrigger.Uncontest)));
        if (changed && !published)
        {
            var decided = decision is null ? [] : DecisionRecipients(decision, bidders).ToHashSet();
            var counties = interestsBefore.Keys.Where(c => !decided.Contains(c)).Select(LiveStreams.County);
            Send(decision is null ? staff.Concat(counties).Concat(watchers) : counties, LiveEventTypes.ProjectUpdated, new ProjectUpdatedPayload(next.Id, title, status, next.Version));
        }

        foreach (var bid in added.Where(e => e.Kind is ProjectEventKind.BidPlaced or ProjectEventKind.BidWithdrawn))
        {
            var county = bid.Note!;
            var type = bid.Kind == ProjectEventKind.BidPlaced ? LiveEventTypes.BidPlaced : LiveEventTypes.BidWithdrawn;
            Send(staff, type, new BidPayload(next.Id, county, province.FindCounty(county)?.Name ?? county, status));
            // The relocation rule: the county the investor already operates in is told, so a move is not made behind its back.
            if (bid.Kind == ProjectEventKind.BidPlaced && bids.TryGetValue(county, out var placed))
            {
                foreach (var flag in placed.Flags.Where(f => f.CountyToNotify is not null && f.CountyToNotify != county))
                    Send([LiveStreams.County(flag.CountyToNotify!)], LiveEventTypes.RelocationNotice,
                        new RelocationNoticePayload(next.Id, title, county, province.FindCounty(county)?.Name ?? county, flag.RuleId, flag.Message));
            }
        }

        if (added.Any(e => e.Trigger == ProjectTrigger.Contest))
        {
            Send(staff, LiveEventTypes.ProjectContested, new ProjectContestedPayload(next.Id, title, [.. bidders.Order(StringComparer.Ordinal)]));
            Send(watchers, LiveEventTypes.ProjectContested, new ProjectContestedPayload(next.Id, title, []));
        }

        if (decision is not null)
        {
            var terms = decision.Terms;
            IReadOnlyList<AwardShare> awards = terms.Kind switch
            {
                DecisionKind.Award => [new AwardShare(terms.County!, 100)],
                DecisionKind.CoBuild => [.. terms.Shares.Select(s => new AwardShare(s.County, s.Percent))],
                _ => [],
            };
            Send(staff.Concat(DecisionRecipients(decision, bidders).Select(LiveStreams.County)).Concat(watchers), LiveEventTypes.DecisionMade,
                new DecisionMadePayload(next.Id, title, Json(terms.Kind), awards, terms.Kind == DecisionKind.Refer ? terms.County : null,
                    terms.Reason, decision.DecidedBy, status));
        }

        return drafts;
    }

    /// <summary>Every county that bid (live or as the coordinator saw it), was awarded a share, or was referred to.</summary>
    private static IEnumerable<string> DecisionRecipients(Decision decision, IEnumerable<string> bidders) =>
        bidders.Concat(decision.Saw.Select(s => s.County))
            .Concat(decision.Terms.Kind == DecisionKind.CoBuild ? decision.Terms.Shares.Select(s => s.County) : [])
            .Concat(decision.Terms.County is { } county ? [county] : [])
            .Distinct();

    private static string Json<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value, MatchingJson.Options).Trim('"');
}
