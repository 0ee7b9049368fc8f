using Matching.Domain.Projects;

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
    /// Blind posting: the investor's identity is for the posting officer, coordinators, admins and the
    /// counties that have bid on the project.
    /// </summary>
    public static bool CanSeeInvestor(Actor actor, Project project, IEnumerable<string> biddingCounties) =>
        actor.SeesEverything || (actor.Role == Role.Officer && project.CreatedBy == actor.UserName) ||
        (actor.County is { } county && biddingCounties.Contains(county));

    /// <summary>All bids, with the flags: the posting officer, coordinators, admins; counties once a decision is made.</summary>
    public static bool CanSeeAllBids(Actor actor, Project project, bool decided) =>
        actor.SeesEverything || (actor.Role == Role.Officer && project.CreatedBy == actor.UserName) || (actor.Role == Role.County && decided);

    /// <summary>Project-level detail for the people running it: matches of every county, flags, history.</summary>
    public static bool CanSeeWorking(Actor actor, Project project) =>
        actor.SeesEverything || (actor.Role == Role.Officer && project.CreatedBy == actor.UserName);

    /// <summary>A county bids (and withdraws) only for itself.</summary>
    public static bool CanBidFor(Actor actor, string adcode) => actor.IsCounty(adcode);

    /// <summary>A county edits only its own profile.</summary>
    public static bool CanEditCounty(Actor actor, string adcode) => actor.IsCounty(adcode);

    /// <summary>A county's matches, inbox and quota: that county, officers, coordinators, admins.</summary>
    public static bool CanSeeCountyWork(Actor actor, string adcode) =>
        actor.Role is Role.Officer or Role.Coordinator or Role.Admin || actor.IsCounty(adcode);

    /// <summary>Only coordinators decide, and see the contest board with everyone's bids.</summary>
    public static bool CanDecide(Actor actor) => actor.IsCoordinator;

    /// <summary>The contest board.</summary>
    public static bool CanSeeContests(Actor actor) => actor.SeesEverything;
}
