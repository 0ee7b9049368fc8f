using Matching.Domain.Access;
using Matching.Domain.Geography;
using Matching.Search;

namespace Matching.Host.Apis;

/// <summary>The contest board's rows, from the index's contest projection (<see cref="ContestHit"/>), with no grain read.</summary>
internal static class ContestBoard
{
    /// <summary>
    /// A contest as <paramref name="actor"/> may see it: the province's staff see every bid; a prefecture
    /// coordinator only its own counties' bids (the others stay hidden until a decision, as on the grain's board).
    /// </summary>
    public static ContestResponse Row(ContestHit hit, Actor actor, Province province)
    {
        var contest = hit.Contest;
        var card = new ProjectCard(hit.Id, hit.Title, hit.IndustryCode,
            Domain.Industries.IndustryCode.TryParse(hit.IndustryCode, out var code) ? province.Industries.Find(code)?.Name ?? string.Empty : string.Empty,
            hit.Status, contest.Investment, contest.LandMu, contest.HighEnergy);
        var bids = contest.Bids
            .Where(b => actor.SeesEverything || actor.CoordinatesCounty(b.Bid.County))
            .Select(b => new ContestBid(BidsApi.ToResponse(b, province), contest.Scores.TryGetValue(b.Bid.County, out var s) ? s : null))
            .ToArray();
        return new ContestResponse(card, contest.Version, bids, RouteResponse.Of(contest.Route));
    }
}
