using Matching.Domain.Compliance;
using Matching.Domain.Decisions;
using Matching.Domain.Projects;
using Escalation = Matching.Domain.Escalation;

namespace Matching.Domain.Access;

/// <summary>What an account may be.</summary>
public enum Role
{
    /// <summary>An investment officer (provincial, or county-level with an adcode): posts projects.</summary>
    Officer,
    /// <summary>A county's account, bound to one adcode: keeps its profile, bids.</summary>
    County,
    /// <summary>A provincial coordinator: resolves contests.</summary>
    Coordinator,
    /// <summary>Operations: dashboard, accounts. Reads everything, decides nothing.</summary>
    Admin,
    /// <summary>
    /// A prefecture's coordinator (市级统筹), bound to the prefecture's adcode: sees the projects, bids and
    /// contests of its counties and decides the contests the escalation rules route to it.
    /// </summary>
    Prefecture,
}

/// <summary>The signed-in caller.</summary>
/// <param name="UserName">Unique account name; recorded as the actor of what they do.</param>
/// <param name="Role">The account's role.</param>
/// <param name="Adcode">The county a county account (or county-level officer) belongs to.</param>
public sealed record Actor(string UserName, Role Role, string? Adcode)
{
    public bool IsCoordinator => Role == Role.Coordinator;

    /// <summary>Coordinators and admins see every project in full.</summary>
    public bool SeesEverything => Role is Role.Coordinator or Role.Admin;

    /// <summary>The county this actor acts for, when it is a county account.</summary>
    public string? County => Role == Role.County ? Adcode : null;

    public bool IsCounty(string adcode) => Role == Role.County && Adcode == adcode;

    /// <summary>The prefecture this actor coordinates, when it is a prefecture coordinator.</summary>
    public string? Prefecture => Role == Role.Prefecture ? Adcode : null;

    /// <summary>Whether this is the coordinator of the prefecture a county belongs to (by adcode: 370811 is in 370800).</summary>
    public bool CoordinatesCounty(string? county) => Prefecture is { } prefecture && county is { Length: 6 } && Geography.PrefectureCodes.Of(county) == prefecture;
}

/// <summary>
/// Who may see and do what. Pure rules over the actor and the object, so the HTTP endpoints and the
/// hub apply one policy and the tests can enumerate it.
/// </summary>
public static class AccessRules
{
    /// <summary>Officers and coordinators post projects.</summary>
    public static bool CanPost(Actor actor) => actor.Role is Role.Officer or Role.Coordinator;

    /// <summary>The posting officer, or a coordinator, edits, publishes and withdraws.</summary>
    public static bool CanEdit(Actor actor, Project project) =>
        actor.IsCoordinator || (actor.Role == Role.Officer && project.CreatedBy == actor.UserName);

    /// <summary>
    /// A draft is seen by whoever may edit it (and admins); a published project by every role.
    /// Officers see other officers' drafts not at all: a draft is work in progress.
    /// </summary>
    public static bool CanSee(Actor actor, Project project) =>
        project.Status != ProjectStatus.Draft || CanEdit(actor, project) || actor.SeesEverything;

    /// <summary>
    /// Blind posting: the investor's identity is for the posting officer, coordinators, admins, and a
    /// county while it has a live bid on the project or has been awarded it (a withdrawn bid sees no more).
    /// </summary>
    /// <param name="actor">The caller.</param>
    /// <param name="project">The project.</param>
    /// <param name="liveBidders">Counties with a live bid now.</param>
    /// <param name="latest">The project's latest decision, if any.</param>
    public static bool CanSeeInvestor(Actor actor, Project project, IEnumerable<string> liveBidders, Decision? latest = null) =>
        CanSeeWorking(actor, project) ||
        (actor.County is { } county && (liveBidders.Contains(county) || (latest is not null && Receives(latest.Terms, county))));

    /// <summary>
    /// One bid, by one rule wherever bids are read: those running the project see every bid; a county
    /// sees its own, and another county's once a decision was made with that bid before it (a decision
    /// on a later version than the one it was placed on). A reopened project's new round stays hidden
    /// until that round is decided.
    /// </summary>
    public static bool CanSeeBid(Actor actor, Project project, PlacedBid bid, Decision? latest) =>
        CanSeeWorking(actor, project) || actor.IsCounty(bid.Bid.County) || actor.CoordinatesCounty(bid.Bid.County) ||
        (actor.Role == Role.County && latest is not null && latest.Terms.ExpectedVersion > bid.OnVersion);

    /// <summary>Whether the caller may ask for a project's bids at all (a county gets its own and the revealed ones).</summary>
    public static bool CanListBids(Actor actor, Project project) => CanSeeWorking(actor, project) || actor.Role is Role.County or Role.Prefecture;

    private static bool Receives(DecisionTerms terms, string county) => terms.Kind switch
    {
        DecisionKind.Award => terms.County == county,
        DecisionKind.CoBuild => terms.Shares.Any(s => s.County == county),
        _ => false,
    };

    /// <summary>Project-level detail for the people running it: matches of every county, flags, history.</summary>
    public static bool CanSeeWorking(Actor actor, Project project) =>
        actor.SeesEverything || (actor.Role == Role.Officer && project.CreatedBy == actor.UserName);

    /// <summary>A county bids (and withdraws) only for itself.</summary>
    public static bool CanBidFor(Actor actor, string adcode) => actor.IsCounty(adcode);

    /// <summary>A county edits only its own profile.</summary>
    public static bool CanEditCounty(Actor actor, string adcode) => actor.IsCounty(adcode);

    /// <summary>A county's matches, inbox and quota: that county, officers, coordinators, admins.</summary>
    public static bool CanSeeCountyWork(Actor actor, string adcode) =>
        actor.Role is Role.Officer or Role.Coordinator or Role.Admin || actor.IsCounty(adcode) || actor.CoordinatesCounty(adcode);

    /// <summary>Only coordinators decide, and see the contest board with everyone's bids.</summary>
    public static bool CanDecide(Actor actor) => actor.IsCoordinator;

    /// <summary>The province's contest board and overview.</summary>
    public static bool CanSeeContests(Actor actor) => actor.SeesEverything;

    /// <summary>A contest board: the province's, or a prefecture coordinator's with the contests of its counties.</summary>
    public static bool CanSeeContestBoard(Actor actor) => CanSeeContests(actor) || actor.Role == Role.Prefecture;

    /// <summary>
    /// Whether a contest concerns the caller: every contest concerns the province's staff; one concerns a
    /// prefecture coordinator when a bidder, or the county of first contact, is one of its counties.
    /// </summary>
    public static bool ConcernsContest(Actor actor, Project project, IEnumerable<string> bidders) =>
        ConcernsContest(actor, project.Details.FirstContactCounty, bidders);

    /// <summary>As <see cref="ConcernsContest(Actor, Project, IEnumerable{string})"/>, from the county of first contact alone (the contest board's projection).</summary>
    public static bool ConcernsContest(Actor actor, string? firstContactCounty, IEnumerable<string> bidders) =>
        actor.SeesEverything || (actor.Role == Role.Prefecture &&
            (bidders.Any(actor.CoordinatesCounty) || actor.CoordinatesCounty(firstContactCounty)));

    /// <summary>
    /// Whether the caller decides a contest routed as it is: a provincial coordinator always does (it may
    /// take any contest over); a prefecture coordinator only a contest routed to its own prefecture.
    /// </summary>
    public static bool CanDecide(Actor actor, Escalation.ContestRoute? route) =>
        actor.IsCoordinator || (actor.Prefecture is { } prefecture && route is { Level: Escalation.DecidingLevel.Prefecture } && route.Prefecture == prefecture);
}
