using Matching.Domain.Compliance;
using Matching.Domain.Decisions;
using Matching.Domain.Projects;

namespace Matching.Contracts;

/// <summary>
/// An investment project, keyed by a GUID. All lifecycle changes go through this grain, which applies
/// <see cref="ProjectLifecycle"/> and appends to the project's history.
/// </summary>
[Alias("Matching.IProjectGrain")]
public interface IProjectGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Whether the project holds on to <paramref name="parkId"/>: a live bid or a joint bid not declined offering it, or the award
    /// in force placed in it; null when not. Interleaves (a read of memory): the park grain asks while a bid may be calling it.
    /// </summary>
    [Alias("ParkUse"), AlwaysInterleave]
    Task<ParkUse?> ParkUse(string parkId);

    /// <summary>The project, or null when none was created under this key.</summary>
    [Alias("Get"), ReadOnly]
    Task<Project?> Get();

    /// <summary>The project with the counties it fits above the inbox threshold (for indexing), or null.</summary>
    [Alias("GetIndexView"), ReadOnly]
    Task<ProjectIndexView?> GetIndexView();

    /// <summary>
    /// Creates the project as a draft. Conflict when the key is taken; with <paramref name="requestDigest"/>
    /// (the request came with an idempotency key, from which the grain key was derived) the same caller's
    /// identical retry within 24 hours answers the stored project, and a different request is KeyReused.
    /// </summary>
    [Alias("Create")]
    Task<CommandResult<Project>> Create(ProjectInput input, string actor, string? requestDigest = null);

    /// <summary>Replaces the project's details; allowed while Draft or Open.</summary>
    [Alias("Update")]
    Task<CommandResult<Project>> Update(ProjectInput input, string actor, long? expectedVersion);

    /// <summary>Publishes a draft (Draft → Open).</summary>
    [Alias("Publish")]
    Task<CommandResult<Project>> Publish(string actor, long? expectedVersion);

    /// <summary>Withdraws the project (only a restore leads back).</summary>
    [Alias("Withdraw")]
    Task<CommandResult<Project>> Withdraw(string actor, string? reason, long? expectedVersion);

    /// <summary>
    /// Restores a withdrawn project, with a required reason: to Draft when it was never published, else
    /// to Open. Bids placed before the withdrawal stay void and an earlier award is not revived.
    /// </summary>
    [Alias("Restore")]
    Task<CommandResult<Project>> Restore(string actor, string? reason, long? expectedVersion);

    /// <summary>
    /// A county states interest with a non-monetary offer, screened by the fair-competition firewall.
    /// One bid per county (a second replaces the first); two live bids make the project Contested.
    /// A retry with the same idempotency key returns the first outcome and changes nothing.
    /// </summary>
    [Alias("PlaceBid")]
    Task<CommandResult<PlacedBid>> PlaceBid(BidInput input, string actor, string? idempotencyKey);

    /// <summary>Withdraws a county's bid; fewer than two live bids reopen a contested project.</summary>
    [Alias("WithdrawBid")]
    Task<CommandResult<Project>> WithdrawBid(string county, string actor);

    /// <summary>
    /// A coordinator's decision, made on <see cref="DecisionInput.ExpectedVersion"/>: a stale one is a
    /// Conflict and changes nothing. Award and co-build reserve the park's land and the counties' energy
    /// first (idempotently, keyed by this project); if a reservation cannot be made nothing is decided.
    /// </summary>
    [Alias("Decide")]
    Task<CommandResult<Project>> Decide(DecisionInput input, string actor);

    /// <summary>
    /// Revises the standing award or co-build (an award or co-build decision with a reason, on the
    /// current version): the new park's land and counties' energy are reserved, then what only the old
    /// decision held is released; if a reservation is refused, nothing changes.
    /// </summary>
    [Alias("Revise")]
    Task<CommandResult<Project>> Revise(DecisionInput input, string actor);

    /// <summary>What the decision (or, with <paramref name="revise"/>, the revision) would do, computed without doing it.</summary>
    [Alias("PreviewDecision"), ReadOnly]
    Task<CommandResult<DecisionEffects>> Preview(DecisionInput input, bool revise);

    /// <summary>The fit scores of the counties it fits above the inbox threshold, by adcode.</summary>
    [Alias("GetInterestScores"), ReadOnly]
    Task<IReadOnlyDictionary<string, double>> GetInterestScores();

    /// <summary>Every decision on the project, oldest first (read from the history's decision records).</summary>
    [Alias("GetDecisions"), ReadOnly]
    Task<IReadOnlyList<Decision>> GetDecisions();

    /// <summary>The last decision made on the project, or null.</summary>
    [Alias("GetLastDecision"), ReadOnly]
    Task<Decision?> GetLastDecision();

    /// <summary>A page of the project's append-only history.</summary>
    [Alias("GetHistory"), ReadOnly]
    Task<HistoryPage> GetHistory(HistoryQuery query);

    /// <summary>First-contact holder and likely duplicates, answered by the investor index now.</summary>
    [Alias("GetFlags"), ReadOnly]
    Task<ProjectFlags> GetFlags();

    /// <summary>The live bids, by county.</summary>
    [Alias("GetBids"), ReadOnly]
    Task<IReadOnlyList<PlacedBid>> GetBids();

    /// <summary>The project with its live bids and its fit scores, in one call (the contest board reads many).</summary>
    [Alias("GetContest"), ReadOnly]
    Task<ProjectContestView?> GetContest();

    /// <summary>The project's landing (stages after a decision), or null when there is no project.</summary>
    [Alias("GetLanding"), ReadOnly]
    Task<Landing.LandingView?> GetLanding();

    /// <summary>
    /// The landing county reports a stage (in order; 资金到位 repeats). Invalid (naming the field) when
    /// out of order, a figure is wrong, or <paramref name="county"/> is not the landing county; nothing is stored then.
    /// </summary>
    [Alias("ReportLanding")]
    Task<CommandResult<Landing.LandingView>> ReportLanding(Domain.Landing.LandingReportInput input, string county, string actor);

    /// <summary>A coordinator confirms (or returns, with a reason) the pending report numbered <paramref name="number"/>. The first confirmed 签约 lands the project.</summary>
    [Alias("ReviewLanding")]
    Task<CommandResult<Landing.LandingView>> ReviewLanding(int? number, bool confirm, string? reason, string actor);
}

/// <summary>A project as the search index needs it.</summary>
/// <param name="Project">The project.</param>
/// <param name="FitCounties">Counties it fits above the inbox threshold, by adcode.</param>
/// <param name="HostCounties">Counties the decision in force placed it in (awarded, or co-building); empty before one.</param>
[GenerateSerializer, Immutable, Alias("Matching.ProjectIndexView")]
public sealed record ProjectIndexView(
    [property: Id(0)] Project Project,
    [property: Id(1)] IReadOnlyList<string> FitCounties,
    [property: Id(2)] IReadOnlyList<string> HostCounties)
{
    /// <summary>The decision in force and landing progress of a settled project; null otherwise.</summary>
    [Id(3)]
    public Matching.Domain.Cockpit.Settlement? Settlement { get; init; }

    /// <summary>How the contest stands while the project is contested (the contest board's projection); null otherwise.</summary>
    [Id(4)]
    public Matching.Domain.Decisions.ContestStanding? Contest { get; init; }

    /// <summary>The 落地县 the project's table row shows (the latest decision's county); null before a decision.</summary>
    [Id(5)]
    public string? ListedHost { get; init; }
}

/// <summary>A project as the contest board shows it.</summary>
/// <param name="Project">The project.</param>
/// <param name="Bids">Its live bids, by county.</param>
/// <param name="Scores">Fit scores of the counties it fits above the inbox threshold, by adcode.</param>
/// <param name="Route">Who decides the contest and by which escalation rule (null when not contested).</param>
/// <param name="Parties">Every county in the contest: the bidders and the partners of their counted joint bids
/// (null from a grain of an earlier build: then the bidders alone).</param>
[GenerateSerializer, Immutable, Alias("Matching.ProjectContestView")]
public sealed record ProjectContestView(
    [property: Id(0)] Project Project,
    [property: Id(1)] IReadOnlyList<PlacedBid> Bids,
    [property: Id(2)] IReadOnlyDictionary<string, double> Scores,
    [property: Id(3)] Domain.Escalation.ContestRoute? Route = null,
    [property: Id(4)] IReadOnlyList<string>? Parties = null);

/// <summary>What the investor registry found about a project.</summary>
/// <param name="FirstContactHolder">The county holding first contact (首谈) with the investor.</param>
/// <param name="LikelyDuplicates">Live projects of the same investor and industry class.</param>
[GenerateSerializer, Immutable, Alias("Matching.ProjectFlags")]
public sealed record ProjectFlags(
    [property: Id(0)] string? FirstContactHolder,
    [property: Id(1)] IReadOnlyList<Guid> LikelyDuplicates);
