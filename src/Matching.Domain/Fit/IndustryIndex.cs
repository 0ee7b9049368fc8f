using Matching.Domain.Evidence;
using Matching.Domain.Industries;

namespace Matching.Domain.Fit;

/// <summary>
/// A snapshot's counties inverted by GB/T code, built once per snapshot: which counties feature an industry
/// (featured or park main industries), which hold evidence for it, which have a division (chain partners),
/// which are strong in a group (crowding their neighbours). Matching a project then looks up its codes
/// instead of walking every county's industries and evidence.
/// </summary>
public sealed class IndustryIndex
{
    /// <summary>A county's industry under a key, with its strength (1–5).</summary>
    public readonly record struct Featured(int County, int Strength);

    /// <summary>An evidence item of a county under a key, with its place among the county's industry evidence (sums keep that order).</summary>
    public readonly record struct Evidence(int County, EvidenceItem Item, int Ordinal);

    private readonly Dictionary<string, List<Featured>> _featured = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Evidence>> _evidence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _divisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _strongGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<char, int>[] _sections;
    private readonly int[][] _neighbourOf;

    /// <summary>Builds the index of a snapshot (positions are indexes into <see cref="MatchingSnapshot.All"/>).</summary>
    public IndustryIndex(MatchingSnapshot snapshot, int parkIndustryStrength)
    {
        var all = snapshot.All;
        _sections = new Dictionary<char, int>[all.Count];
        var position = new Dictionary<Candidate, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < all.Count; i++) position[all[i]] = i;
        var reverse = new List<int>[all.Count];

        for (var i = 0; i < all.Count; i++)
        {
            var candidate = all[i];
            var traits = snapshot.TraitsOf(candidate);
            var sections = _sections[i] = [];
            void AddFeatured(IndustryCode code, int strength)
            {
                sections[code.Section] = Math.Max(sections.GetValueOrDefault(code.Section), strength);
                foreach (var key in Keys(code)) Add(_featured, key, new Featured(i, strength));
            }

            foreach (var f in candidate.County.Profile.FeaturedIndustries) AddFeatured(f.Code, f.Strength);
            foreach (var park in candidate.Parks)
            foreach (var code in park.Profile.MainIndustries) AddFeatured(code, parkIndustryStrength);

            for (var o = 0; o < traits.IndustryEvidence.Count; o++)
            {
                // One entry per key however many of the item's codes fall under it.
                var item = traits.IndustryEvidence[o];
                foreach (var key in item.Industries.SelectMany(Keys).Distinct(StringComparer.Ordinal)) Add(_evidence, key, new Evidence(i, item, o));
            }

            foreach (var division in traits.Divisions) Add(_divisions, division, i);
            foreach (var group in traits.StrongGroups) Add(_strongGroups, group, i);
            foreach (var neighbour in snapshot.NeighboursOf(candidate))
                if (position.TryGetValue(neighbour, out var n)) (reverse[n] ??= []).Add(i);
        }

        _neighbourOf = reverse.Select(r => r?.ToArray() ?? []).ToArray();
        Count = all.Count;
        foreach (var (key, list) in _featured) _countiesUnder[key] = list.Select(f => f.County).Distinct().Count();
        foreach (var sections in _sections)
        foreach (var section in sections.Keys) _countiesInSection[section] = _countiesInSection.GetValueOrDefault(section) + 1;
    }

    private readonly Dictionary<string, int> _countiesUnder = new(StringComparer.Ordinal);
    private readonly Dictionary<char, int> _countiesInSection = [];

    /// <summary>How many counties the index holds.</summary>
    public int Count { get; }

    /// <summary>How many counties feature an industry under a key (a division, group or class).</summary>
    public int CountiesUnder(string key) => _countiesUnder.GetValueOrDefault(key);

    /// <summary>How many counties feature an industry of a section.</summary>
    public int CountiesInSection(char section) => _countiesInSection.GetValueOrDefault(section);

    private static void Add<T>(Dictionary<string, List<T>> index, string key, T value)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(value);
    }

    /// <summary>The keys a code is filed under: its division, group and class, as far as it goes.</summary>
    private static IEnumerable<string> Keys(IndustryCode code)
    {
        if (code.Division is { } d) yield return d;
        if (code.Group is { } g) yield return g;
        if (code.Class is { } c) yield return c;
    }

    /// <summary>Industries filed under a key (a division, group or class).</summary>
    public IReadOnlyList<Featured> FeaturedUnder(string key) => _featured.TryGetValue(key, out var list) ? list : [];

    /// <summary>The keys evidence items are filed under.</summary>
    public IEnumerable<string> EvidenceKeys => _evidence.Keys;

    /// <summary>Evidence items filed under a key.</summary>
    public IReadOnlyList<Evidence> EvidenceUnder(string key) => _evidence.TryGetValue(key, out var list) ? list : [];

    /// <summary>Counties with a division among their industries and evidence.</summary>
    public IReadOnlyList<int> WithDivision(string division) => _divisions.TryGetValue(division, out var list) ? list : [];

    /// <summary>Counties featuring a group at strength 4 or 5.</summary>
    public IReadOnlyList<int> StrongIn(string group) => _strongGroups.TryGetValue(group, out var list) ? list : [];

    /// <summary>Counties that count the county at <paramref name="county"/> among their neighbours.</summary>
    public IReadOnlyList<int> NeighbourOf(int county) => _neighbourOf[county];

    /// <summary>The best strength of a county's industries in a section (0 when none).</summary>
    public int SectionStrength(int county, char section) => _sections[county].GetValueOrDefault(section);
}
