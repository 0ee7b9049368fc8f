namespace Matching.Domain.Fit;

/// <summary>
/// Supplier → customer links between GB/T divisions (steel → automobiles, batteries → new-energy
/// vehicles …), read from <c>seeds/industry-chains.csv</c>. Chain complementarity asks whether a county
/// already has the project's upstream or downstream.
/// </summary>
public sealed class IndustryChains
{
    private readonly ILookup<string, string> _upstreamOf;
    private readonly ILookup<string, string> _downstreamOf;

    /// <summary>Builds the table from (upstream division, downstream division) pairs.</summary>
    public IndustryChains(IEnumerable<(string Upstream, string Downstream)> links)
    {
        var list = links.ToArray();
        _upstreamOf = list.ToLookup(l => l.Downstream, l => l.Upstream);
        _downstreamOf = list.ToLookup(l => l.Upstream, l => l.Downstream);
    }

    /// <summary>No links: chain complementarity scores nothing.</summary>
    public static IndustryChains None { get; } = new([]);

    /// <summary>Divisions that supply the division.</summary>
    public IEnumerable<string> UpstreamOf(string division) => _upstreamOf[division];

    /// <summary>Divisions that buy from the division.</summary>
    public IEnumerable<string> DownstreamOf(string division) => _downstreamOf[division];
}
