using Matching.Domain.Fit;
using Matching.Engine;
using Matching.Host.Search;
using Matching.Search.Elasticsearch;
using Matching.Search.Lucene;
using Matching.Seeds;

namespace Matching.Host.Hosting;

/// <summary>Search engine choice (configuration section <c>Search</c>).</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>
    /// <c>Lucene</c> (index on local disk) or <c>Elasticsearch</c>; when not configured, the profile's
    /// default (<see cref="MatchingProfiles.SearchProvider"/>: Lucene embedded, Elasticsearch in a cluster).
    /// </summary>
    public string Provider { get; set; } = "Lucene";

    /// <summary>Rebuild the project index from grain state at start even when it is not empty.</summary>
    public bool RebuildOnStart { get; set; }
}

/// <summary>Registers the search engine, the matching engine on top of it (<c>AddMatchingEngine</c>) and the index keeping.</summary>
public static class SearchHosting
{
    public static WebApplicationBuilder AddMatchingSearch(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var options = configuration.GetSection(SearchOptions.Section).Get<SearchOptions>() ?? new SearchOptions();
        options.Provider = configuration.SearchProvider();
        builder.Services.Configure<SearchOptions>(bound =>
        {
            configuration.GetSection(SearchOptions.Section).Bind(bound);
            bound.Provider = options.Provider;
        });

        switch (options.Provider.ToLowerInvariant())
        {
            case "lucene":
                var storagePath = configuration["Storage:Path"] ?? "data";
                builder.Services.AddLuceneSearch(lucene =>
                {
                    configuration.GetSection("Search:Lucene").Bind(lucene);
                    lucene.IndexPath = Path.GetFullPath(configuration["Search:Lucene:IndexPath"] ?? Path.Combine(storagePath, "index"));
                });
                break;
            case "elasticsearch":
                builder.Services.AddElasticsearchSearch(elastic => configuration.GetSection("Search:Elasticsearch").Bind(elastic));
                break;
            default:
                throw new InvalidOperationException($"Search:Provider '{options.Provider}' is not supported; use 'Lucene' or 'Elasticsearch'.");
        }

        builder.Services.AddMatchingEngine(
            services =>
            {
                var seeds = services.GetRequiredService<ShandongSeeds>();
                return (seeds.Chains, seeds.Province.Industries, seeds.ChemicalParks);
            },
            engine =>
            {
                engine.Weights = configuration.GetSection("Matching:Weights").Get<MatchWeights>() ?? new MatchWeights();
                if (configuration.GetValue<TimeSpan?>("Search:CandidateRefreshInterval") is { } interval) engine.CandidateRefreshInterval = interval;
                if (configuration.GetValue<int?>("Matching:WarmupMatches") is { } warmup) engine.WarmupMatches = warmup;
            });
        builder.Services.AddSingleton<SearchStatus>();
        builder.Services.AddSingleton<ProjectIndexRebuilder>();
        builder.Services.AddHostedService<SearchIndexer>();
        return builder;
    }
}
