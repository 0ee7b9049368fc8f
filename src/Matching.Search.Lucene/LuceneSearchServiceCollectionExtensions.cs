using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matching.Search.Lucene;

/// <summary>Registers <see cref="LuceneSearchEngine"/> as the platform's <see cref="ISearchEngine"/>.</summary>
public static class LuceneSearchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Lucene engine as a singleton (one writer per index folder is all Lucene allows) serving
    /// <see cref="ISearchEngine"/>; it replaces an engine registered before. The container disposes it,
    /// which commits the indexes.
    /// </summary>
    public static IServiceCollection AddLuceneSearch(this IServiceCollection services, Action<LuceneSearchOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<LuceneSearchOptions>().Configure(configure);
        services.AddSingleton(provider => new LuceneSearchEngine(
            provider.GetRequiredService<IOptions<LuceneSearchOptions>>().Value,
            provider.GetService<ILogger<LuceneSearchEngine>>()));
        services.AddSingleton<ISearchEngine>(provider => provider.GetRequiredService<LuceneSearchEngine>());
        return services;
    }
}
