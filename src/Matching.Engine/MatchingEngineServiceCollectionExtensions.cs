using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matching.Engine;

/// <summary>Registers the matching engine: one place for hosts and tests alike.</summary>
public static class MatchingEngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="FitModel"/> (weights from <see cref="MatchingEngineOptions"/>, the industry
    /// chains, the province's industry catalogue and the chemical-park rule given here), the <see cref="CandidateRegistry"/>,
    /// <see cref="ProjectMatcher"/>, <see cref="CountyMatcher"/> and the <see cref="CandidateRefresher"/>,
    /// all singletons. The container must also hold an <c>ISearchEngine</c> and, for the refresher, an
    /// <see cref="ICandidateSource"/>.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="reference">The reference data the model scores against, read when the model is first needed (e.g. from the seeds).</param>
    /// <param name="configure">Weights and refresh interval, e.g. bound from configuration.</param>
    public static IServiceCollection AddMatchingEngine(
        this IServiceCollection services, Func<IServiceProvider, (IndustryChains Chains, IndustryCatalog Industries, ChemicalParkRule? ChemicalParks)> reference,
        Action<MatchingEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(reference);
        var options = services.AddOptions<MatchingEngineOptions>();
        if (configure is not null) options.Configure(configure);
        services.AddSingleton(provider =>
        {
            var (chains, industries, chemicalParks) = reference(provider);
            return new FitModel(provider.GetRequiredService<IOptions<MatchingEngineOptions>>().Value.Weights, chains, industries, chemicalParks);
        });
        services.AddSingleton<CandidateRegistry>();
        services.AddSingleton<ProjectMatcher>();
        services.AddSingleton<CountyMatcher>();
        services.AddSingleton<CandidateRefresher>();
        services.AddSingleton<MatchWarmup>();
        return services;
    }
}
