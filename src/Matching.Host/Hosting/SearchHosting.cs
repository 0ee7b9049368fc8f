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

    /// <summary>How often every host re-reads county profiles into its matching snapshot.</summary>
    public TimeSpan CandidateRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Registers the search engine and the matching engine on top of it.</summary>
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

        var weights = configuration.GetSection("Matching:Weights").Get<MatchWeights>() ?? new MatchWeights();
        builder.Services.AddSingleton(services =>
        {
            var seeds = services.GetRequiredService<ShandongSeeds>();
            return new FitModel(weights, seeds.Chains, seeds.Province.Industries, seeds.ChemicalParks);
        });
        builder.Services.AddSingleton<CandidateRegistry>();
        builder.Services.AddSingleton<ProjectMatcher>();
        builder.Services.AddSingleton<CountyMatcher>();
        builder.Services.AddSingleton<SearchStatus>();
        builder.Services.AddSingleton<ProjectIndexRebuilder>();
        builder.Services.AddHostedService<SearchIndexer>();
        return builder;
    }
}
