using Matching.Host.Hosting;

namespace Matching.Host.Search;

/// <summary>Whether matching can run on this host: indexes exist and the counties are loaded.</summary>
public sealed class SearchStatus : StartupSignal
{
    public override string Step => "Search";
}
