using System.Text.Json;
using Matching.Contracts.Live;
using Matching.Domain;
using Matching.Domain.Escalation;
using Matching.Domain.Geography;
using Matching.Domain.Projects;

namespace Matching.Grains.Projects;

/// <summary>
/// Who hears of a routing: the provincial coordinators always; the coordinators of the prefecture that
/// decides, of the prefecture it was escalated from, and of every prefecture a bidder belongs to.
/// </summary>
internal static class RoutingLiveEvents
{
    public static IEnumerable<LiveEventDraft> For(Project next, ContestRoute? route, IEnumerable<string> bidders)
    {
        if (route is null || !next.Changes.Any(e => e.Kind == ProjectEventKind.Routed)) return [];
        var at = next.Changes[^1].At;
        var level = JsonSerializer.Serialize(route.Level, MatchingJson.Options).Trim('"');
        var payload = JsonSerializer.Serialize(new ContestRoutedPayload(next.Id, next.Details.Title, level, route.Prefecture, route.PrefectureName,
            route.RuleId, route.Summary(), route.EscalatedFrom, route.By), MatchingJson.Options);
        var prefectures = bidders.Select(PrefectureCodes.Of)
            .Concat(route.Prefecture is { } p ? [p] : [])
            .Concat(route.EscalatedFrom is { } f ? [f] : [])
            .Distinct(StringComparer.Ordinal)
            .Select(LiveStreams.Prefecture);
        return prefectures.Prepend(LiveStreams.Coordinators).Select(stream =>
            new LiveEventDraft(stream, $"{next.Id:N}/{next.Version}/{LiveEventTypes.ContestRouted}", LiveEventTypes.ContestRouted, 1, at, next.Id, payload));
    }
}
