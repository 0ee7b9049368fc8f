using Matching.Domain.Evidence;
using Matching.Domain.Industries;

namespace Matching.Domain.Fit;

/// <summary>An award the differentiation factor remembers: which industry went to which county, when.</summary>
public sealed record RecentAward(string Adcode, IndustryCode Industry, DateTimeOffset At);

/// <summary>
/// Every county with its parks, as of one moment, plus recent awards: what the scoring model reads.
/// Immutable; the host replaces it when a county or park changes.
/// </summary>
public sealed class MatchingSnapshot
{
    private readonly Dictionary<string, Candidate> _candidates;
    private readonly ILookup<string, RecentAward> _awards;
    private readonly Dictionary<Candidate, CandidateTraits> _traits;
    private readonly Dictionary<Candidate, Candidate[]> _neighbours;

    /// <summary>Builds a snapshot.</summary>
    public MatchingSnapshot(IEnumerable<Candidate> candidates, IEnumerable<RecentAward> recentAwards)
    {
        _candidates = candidates.ToDictionary(c => c.Adcode, StringComparer.Ordinal);
        _awards = recentAwards.ToLookup(a => a.Adcode, StringComparer.Ordinal);
        All = _candidates.Values.OrderBy(c => c.Adcode, StringComparer.Ordinal).ToArray();
        _traits = new Dictionary<Candidate, CandidateTraits>(ReferenceEqualityComparer.Instance);
        foreach (var candidate in All)
        {
            var traits = CandidateTraits.Of(candidate, _awards[candidate.Adcode]);
            _traits[candidate] = traits;
            foreach (var item in traits.IndustryEvidence) AsOfYear = Math.Max(AsOfYear, item.Year);
            if (traits.Strength is { } strength) AsOfYear = Math.Max(AsOfYear, strength.Year);
        }

        _neighbours = new Dictionary<Candidate, Candidate[]>(ReferenceEqualityComparer.Instance);
        foreach (var candidate in All) _neighbours[candidate] = NeighboursIn(candidate);
        HasAwards = _awards.Count > 0;
    }

    private readonly Dictionary<int, IndustryIndex> _indexes = [];

    /// <summary>The snapshot's counties inverted by GB/T code (built on first use, once per park-industry strength).</summary>
    public IndustryIndex IndexFor(int parkIndustryStrength)
    {
        lock (_indexes)
        {
            if (!_indexes.TryGetValue(parkIndustryStrength, out var index))
                _indexes[parkIndustryStrength] = index = new IndustryIndex(this, parkIndustryStrength);
            return index;
        }
    }

    private readonly Dictionary<MatchWeights, CountyTable> _tables = new(ReferenceEqualityComparer.Instance);

    /// <summary>The snapshot's counties as flat arrays for a model (built on first use, once per set of weights).</summary>
    public CountyTable TableFor(FitModel model)
    {
        lock (_tables)
        {
            if (!_tables.TryGetValue(model.Weights, out var table))
                _tables[model.Weights] = table = new CountyTable(this, model);
            return table;
        }
    }

    private Candidate[] NeighboursIn(Candidate candidate) =>
        candidate.County.Reference.Neighbours.Select(Find).OfType<Candidate>().ToArray();

    /// <summary>The neighbours of a county that this snapshot holds.</summary>
    public Candidate[] NeighboursOf(Candidate candidate) =>
        _neighbours.TryGetValue(candidate, out var neighbours) ? neighbours : NeighboursIn(candidate);

    private Dictionary<string, Candidate[]>? _prefectures;

    /// <summary>The counties of a county's prefecture that this snapshot holds, the county itself included, in <see cref="All"/> order (built on first use).</summary>
    public Candidate[] PrefectureOf(Candidate candidate)
    {
        var prefectures = _prefectures;
        // Two threads racing here both build the same grouping; either one kept is right.
        if (prefectures is null)
        {
            prefectures = All.GroupBy(c => c.County.Reference.PrefectureAdcode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
            _prefectures = prefectures;
        }

        return prefectures.TryGetValue(candidate.County.Reference.PrefectureAdcode, out var members) ? members : [];
    }

    /// <summary>Whether any recent award is held (most matches have none to look up).</summary>
    public bool HasAwards { get; }

    /// <summary>
    /// The newest year of any evidence held: evidence is aged against it, so that the same snapshot always
    /// scores alike (no clock). 0 when there is no evidence.
    /// </summary>
    public int AsOfYear { get; }

    /// <summary>
    /// What the model asks of a county on every match, derived once per snapshot. A candidate not held
    /// by this snapshot (e.g. one edited for a what-if) is derived on the spot.
    /// </summary>
    public CandidateTraits TraitsOf(Candidate candidate) =>
        _traits.TryGetValue(candidate, out var traits) ? traits : CandidateTraits.Of(candidate, _awards[candidate.Adcode]);

    /// <summary>An empty snapshot (before the seeds are loaded).</summary>
    public static MatchingSnapshot Empty { get; } = new([], []);

    /// <summary>Every candidate by adcode.</summary>
    public IReadOnlyList<Candidate> All { get; }

    /// <summary>The candidate of a county, or null.</summary>
    public Candidate? Find(string? adcode) => adcode is null ? null : _candidates.GetValueOrDefault(adcode);

    /// <summary>Every recent award the snapshot holds.</summary>
    public IEnumerable<RecentAward> RecentAwards => _awards.SelectMany(g => g);

    /// <summary>Recent awards to a county.</summary>
    public IEnumerable<RecentAward> AwardsTo(string adcode) => _awards[adcode];

    /// <summary>A snapshot with one candidate replaced (or added).</summary>
    public MatchingSnapshot With(Candidate candidate) =>
        new(_candidates.Values.Where(c => c.Adcode != candidate.Adcode).Append(candidate), _awards.SelectMany(g => g));
}

/// <summary>Facts about a county's industries the model reads on every match.</summary>
/// <param name="Divisions">GB/T divisions present among its featured and park industries and its industry evidence (listed companies, rosters, clusters, awards).</param>
/// <param name="StrongGroups">GB/T groups (3 digits) of its featured industries of strength 4 or 5, and their classes' groups.</param>
/// <param name="IndustryEvidence">Its evidence items that name industries (agglomeration).</param>
/// <param name="Strength">Its best top-100 county listing, or null.</param>
/// <param name="ListedCompanies">Listed companies registered in it, of any industry.</param>
/// <param name="ChemicalPark">The name of a recognised chemical park in it (seeded list or marked by a coordinator), or null.</param>
/// <param name="Zone">Its highest-level development zone (national before provincial, then by id), or null when it hosts none: economic strength.</param>
/// <param name="ChemicalParkCandidate">
/// The name of a likely chemical park in it (化工园区待认定: a zone of the county whose name or main industries say chemistry,
/// <see cref="EvidenceKind.ChemicalParkCandidate"/>) that no coordinator has refuted, when it has no recognised one; else null.
/// </param>
public sealed record CandidateTraits(
    IReadOnlySet<string> Divisions,
    IReadOnlySet<string> StrongGroups,
    IReadOnlyList<EvidenceItem> IndustryEvidence,
    EvidenceItem? Strength,
    int ListedCompanies,
    string? ChemicalPark,
    Parks.ParkReference? Zone = null,
    string? ChemicalParkCandidate = null)
{
    /// <summary>Derives the traits of a county; the platform's awards to it count as evidence of kind <see cref="EvidenceKind.Award"/>, dated.</summary>
    public static CandidateTraits Of(Candidate candidate, IEnumerable<RecentAward>? awards = null)
    {
        var codes = candidate.County.Profile.FeaturedIndustries.Select(f => f.Code)
            .Concat(candidate.Parks.SelectMany(p => p.Profile.MainIndustries));
        var evidence = candidate.Evidence.Concat((awards ?? []).Select(AsEvidence)).ToArray();
        var chemical = candidate.Parks.FirstOrDefault(p => p.Profile.ChemicalPark?.Value == true)?.Reference.Name
            ?? evidence.FirstOrDefault(e => e.Kind == EvidenceKind.ChemicalPark)?.Subject;
        return new CandidateTraits(
            // Chain complementarity sees the evidence too: a listed battery maker is an upstream for vehicles.
            codes.Concat(evidence.Where(e => e.Kind is EvidenceKind.ListedCompany or EvidenceKind.Roster or EvidenceKind.FeaturedCluster or EvidenceKind.Award or EvidenceKind.Declared).SelectMany(e => e.Industries))
                .Select(c => c.Division).OfType<string>().ToHashSet(StringComparer.Ordinal),
            candidate.County.Profile.FeaturedIndustries.Where(f => f.Strength >= 4).Select(f => f.Code.Group).OfType<string>().ToHashSet(StringComparer.Ordinal),
            evidence.Where(e => e.Industries.Count > 0).ToArray(),
            evidence.Where(e => e.Kind == EvidenceKind.Top100County && e.Rank is not null).OrderBy(e => e.Rank).ThenByDescending(e => e.Year).FirstOrDefault(),
            evidence.Count(e => e.Kind == EvidenceKind.ListedCompany),
            chemical,
            candidate.Parks.Select(p => p.Reference).Where(r => r.Level != Parks.ParkLevel.Other)
                .OrderBy(r => r.Level).ThenBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(),
            chemical is null ? ChemicalParkCandidateOf(candidate, evidence) : null);
    }

    /// <summary>
    /// The first likely chemical park whose zone the county still holds and no coordinator has flagged as not recognised
    /// (a flag set to true makes it a recognised park above). A hidden or removed zone takes its candidacy with it.
    /// </summary>
    private static string? ChemicalParkCandidateOf(Candidate candidate, EvidenceItem[] evidence)
    {
        foreach (var item in evidence)
        {
            if (item.Kind != EvidenceKind.ChemicalParkCandidate) continue;
            foreach (var park in candidate.Parks)
                if (park.Reference.Name == item.Subject && park.Profile.ChemicalPark is null) return item.Subject;
        }

        return null;
    }

    /// <summary>An award on the platform as evidence: the industry is now present in the county, as of the award's year.</summary>
    public static EvidenceItem AsEvidence(RecentAward award) => new(
        EvidenceKind.Award, $"平台统筹决定：{award.Industry} 项目落户本县（{ChinaDate(award.At)}）", ChinaYear(award.At), [award.Industry],
        "本平台统筹决定", null, $"award:{award.Industry}:{award.At:yyyyMMddHHmmss}");

    private static int ChinaYear(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).Year;

    private static string ChinaDate(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
