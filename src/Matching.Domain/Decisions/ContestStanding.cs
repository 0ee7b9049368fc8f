using Matching.Domain.Compliance;
using Matching.Domain.Escalation;
using Matching.Domain.Geography;

namespace Matching.Domain.Decisions;

/// <summary>
/// A contested project as the contest board shows it: its live bids side by side with the bidders' fit
/// scores, who decides it, and what the card needs. The search index keeps it with the project's document,
/// written with every change of a contested project (each bid included), so the board reads no grain.
/// </summary>
/// <param name="Version">The project's version (a decision is made on it).</param>
/// <param name="Investment">Planned investment, 万元.</param>
/// <param name="LandMu">Land needed, 亩.</param>
/// <param name="HighEnergy">两高.</param>
/// <param name="FirstContactCounty">The county of first contact, when known.</param>
/// <param name="Deadline">The project's bidding deadline, when it has one.</param>
/// <param name="Bids">The live bids, by county.</param>
/// <param name="Scores">The fit score of each bidder above the inbox threshold, by adcode.</param>
/// <param name="Route">Who decides the contest and by which escalation rule.</param>
/// <param name="Parties">Every county in the contest: the bidders and the partners of their counted joint bids.</param>
public sealed record ContestStanding(
    long Version,
    decimal Investment,
    decimal LandMu,
    bool HighEnergy,
    string? FirstContactCounty,
    DateOnly? Deadline,
    IReadOnlyList<PlacedBid> Bids,
    IReadOnlyDictionary<string, double> Scores,
    ContestRoute? Route,
    IReadOnlyList<string> Parties)
{
    /// <summary>
    /// The prefectures the contest concerns: those of its parties and of the county of first contact
    /// (what a prefecture coordinator's board is filtered by, see <see cref="Access.AccessRules.ConcernsContest(Access.Actor, string?, IEnumerable{string})"/>).
    /// </summary>
    public IReadOnlyList<string> Prefectures =>
        [.. Parties.Append(FirstContactCounty).OfType<string>().Where(c => c.Length == 6).Select(PrefectureCodes.Of).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
