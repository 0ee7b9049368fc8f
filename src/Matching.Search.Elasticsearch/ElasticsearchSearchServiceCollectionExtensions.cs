using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matching.Search.Elasticsearch;

/// <summary>Registers <see cref="ElasticsearchSearchEngine"/> as the process's <see cref="ISearchEngine"/>.</summary>
public static class ElasticsearchSearchServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="ElasticsearchSearchEngine"/> (singleton, so one client and connection pool) as
    /// <see cref="ISearchEngine"/>. Invalid options fail when the engine is first resolved, naming the option.
    /// The indexes are not created here: call <see cref="ISearchEngine.EnsureIndexesAsync"/> at startup.
    /// </summary>
    public static IServiceCollection AddElasticsearchSearch(this IServiceCollection services, Action<ElasticsearchSearchOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ElasticsearchSearchOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ElasticsearchSearchOptions>, OptionsValidator>());
        services.AddSingleton(sp => new ElasticsearchSearchEngine(
            sp.GetRequiredService<IOptions<ElasticsearchSearchOptions>>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<ElasticsearchSearchEngine>()));
        services.AddSingleton<ISearchEngine>(sp => sp.GetRequiredService<ElasticsearchSearchEngine>());
        return services;
    }

    private sealed class OptionsValidator : IValidateOptions<ElasticsearchSearchOptions>
    {
        public ValidateOptionsResult Validate(string? name, ElasticsearchSearchOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
