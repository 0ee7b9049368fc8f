using Matching.Domain.Counties;
using Matching.Domain.Industries;
using Matching.Domain.Parks;

namespace Matching.Domain.Geography;

/// <summary>
/// The province's reference data, read once from <c>seeds/</c>: prefectures, counties, parks as
/// catalogued, and the GB/T 4754 table with its phrasebook. Validation checks codes against it;
/// grains hold the editable state seeded from it.
/// </summary>
public sealed class Province
{
    private readonly Dictionary<string, CountyReference> _counties;
    private readonly Dictionary<string, ParkReference> _parks;

    /// <summary>Assembles the province.</summary>
    public Province(
        IEnumerable<Prefecture> prefectures,
        IEnumerable<CountyReference> counties,
        IEnumerable<ParkReference> parks,
        IndustryCatalog industries,
        IndustryPhrasebook phrasebook)
    {
        Prefectures = prefectures.OrderBy(p => p.Adcode, StringComparer.Ordinal).ToArray();
        _counties = counties.ToDictionary(c => c.Adcode, StringComparer.Ordinal);
        _parks = parks.ToDictionary(p => p.Id, StringComparer.Ordinal);
        Counties = _counties.Values.OrderBy(c => c.Adcode, StringComparer.Ordinal).ToArray();
        Parks = _parks.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToArray();
        Industries = industries;
        Phrasebook = phrasebook;
    }

    /// <summary>Prefecture cities, by adcode.</summary>
    public IReadOnlyList<Prefecture> Prefectures { get; }

    /// <summary>County-level divisions, by adcode.</summary>
    public IReadOnlyList<CountyReference> Counties { get; }

    /// <summary>Catalogued parks, by id, placed and unplaced.</summary>
    public IReadOnlyList<ParkReference> Parks { get; }

    /// <summary>GB/T 4754-2017.</summary>
    public IndustryCatalog Industries { get; }

    /// <summary>Phrase-to-code table.</summary>
    public IndustryPhrasebook Phrasebook { get; }

    /// <summary>True when the adcode is a current county-level division of the province.</summary>
    public bool HasCounty(string? adcode) => adcode is not null && _counties.ContainsKey(adcode);

    /// <summary>The county's reference facts, or null.</summary>
    public CountyReference? FindCounty(string? adcode) => adcode is null ? null : _counties.GetValueOrDefault(adcode);

    /// <summary>The park's catalogue facts, or null.</summary>
    public ParkReference? FindPark(string? id) => id is null ? null : _parks.GetValueOrDefault(id);

    /// <summary>Parks placed in a county.</summary>
    public IEnumerable<ParkReference> ParksIn(string adcode) => Parks.Where(p => p.CountyAdcode == adcode);

    /// <summary>Parks whose county is not known (the holding list).</summary>
    public IEnumerable<ParkReference> UnplacedParks => Parks.Where(p => p.Placement == ParkPlacement.Unplaced);
}
