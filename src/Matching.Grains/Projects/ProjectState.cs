using Matching.Contracts.Live;
using Matching.Domain.Compliance;
using Matching.Domain.Decisions;
using Matching.Domain.Projects;

namespace Matching.Grains.Projects;

/// <summary>
/// Stored state of a project grain: only what its next turn decides on. Everything that accumulates
/// (history, decisions, idempotency keys, inbox entries, the investor index) lives in the row store;
/// what the last change still owes those projections waits in <see cref="Unprojected"/> and <see cref="Outbox"/>.
/// </summary>
public sealed class ProjectState
{
    public Project? Project { get; set; }

    /// <summary>Standing interests: counties the published project fits above the inbox threshold, with their scores.</summary>
    public Dictionary<string, double> Interests { get; set; } = [];

    /// <summary>Live bids by county adcode.</summary>
    public Dictionary<string, PlacedBid> Bids { get; set; } = [];

    /// <summary>Who decides the current contest and by which escalation rule (each routing is also in the history); read only while Contested.</summary>
    public Matching.Domain.Escalation.ContestRoute? Route { get; set; }

    /// <summary>Joint bids by lead county (at most one per county): pending until every partner confirmed, then counted as the lead's bid.</summary>
    public Dictionary<string, Matching.Domain.JointBids.JointBid> JointBids { get; set; } = [];

    /// <summary>The last decision made on the project (each one is also in the history).</summary>
    public Decision? LastDecision { get; set; }

    /// <summary>
    /// An award or co-build whose reservations may be under way: written before the first reservation
    /// and cleared with the decision, so that a crash in between is completed (or undone) on the next activation.
    /// </summary>
    public Decision? Pending { get; set; }

    /// <summary>What the current award or co-build holds.</summary>
    public Holding? Held { get; set; }

    /// <summary>Where the project stands after its decision (one entry per stage; every report is a history row).</summary>
    public LandingRow? Landing { get; set; }

    /// <summary>Digest of the create request when it came with an idempotency key: a retry with the same one answers the project.</summary>
    public string? CreatedWith { get; set; }

    /// <summary>
    /// Live events of the last change, written with it and sent after it (a transactional outbox):
    /// a crash in between sends them on the next activation. Sent events stay until the next write;
    /// sending them again is harmless, as the streams skip ids they hold.
    /// </summary>
    public List<LiveEventDraft> Outbox { get; set; } = [];

    /// <summary>What the last change still owes the row store and the search index (the same outbox, for projections).</summary>
    public Unprojected Unprojected { get; set; } = new();

    /// <summary>A confirmed signing the landing county has not yet recorded as evidence (sent until it lands).</summary>
    public OwedLandingEvidence? LandingEvidenceOwed { get; set; }
}

/// <summary>Land at one park and energy at one or more counties, held for the project.</summary>
public sealed record Holding(string ParkId, decimal LandMu, IReadOnlyDictionary<string, decimal> EnergyByCounty);

/// <summary>
/// The projections a stored change has not yet been applied to. Each is idempotent (rows keyed by what
/// they are, the index document replaced whole), so applying one twice after a crash is harmless.
/// </summary>
public sealed record Unprojected
{
    /// <summary>History entries to append.</summary>
    public IReadOnlyList<ProjectEvent> History { get; init; } = [];

    /// <summary>County inboxes to update: the project's score there, or null to take it out.</summary>
    public IReadOnlyDictionary<string, double?> Inbox { get; init; } = new Dictionary<string, double?>();

    /// <summary>Lists (an officer's desk, a county's bids) the project joins.</summary>
    public IReadOnlyList<string> Lists { get; init; } = [];

    /// <summary>The project's status changed: its inbox rows (every county of its interests) need the current one.</summary>
    public bool InboxStatus { get; init; }

    /// <summary>Idempotency keys to keep.</summary>
    public IReadOnlyList<BidKey> BidKeys { get; init; } = [];

    /// <summary>The investor index needs the project's current row.</summary>
    public bool Investor { get; init; }

    /// <summary>The search index needs the project's current document.</summary>
    public bool Index { get; init; }

    public bool IsEmpty => History.Count == 0 && Inbox.Count == 0 && Lists.Count == 0 && BidKeys.Count == 0 && !Investor && !Index && !InboxStatus;

    /// <summary>This and a later change's projections, the later winning where both touch one thing.</summary>
    public Unprojected And(Unprojected later) => new()
    {
        History = [.. History, .. later.History],
        Inbox = Inbox.Concat(later.Inbox).GroupBy(i => i.Key).ToDictionary(g => g.Key, g => g.Last().Value),
        Lists = [.. Lists.Union(later.Lists)],
        InboxStatus = InboxStatus || later.InboxStatus,
        BidKeys = [.. BidKeys, .. later.BidKeys],
        Investor = Investor || later.Investor,
        Index = Index || later.Index,
    };
}
