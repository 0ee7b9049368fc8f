using Matching.Contracts;
using Matching.Domain.Compliance;
using Matching.Domain.Geography;
using Matching.Grains.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using Orleans.Storage;

namespace Matching.Grains;

/// <summary>Registers what the platform's grains need on a silo.</summary>
public static class MatchingSiloExtensions
{
    /// <summary>
    /// Adds the grains' services: the province's reference data, the fair-competition rule set, the clock, the counties as the
    /// matching engine reads them (<see cref="Counties.GrainCandidateSource"/>), message serialization and
    /// the JSON storage serializer. The storage provider itself (<see cref="MatchingStorage.Name"/>)
    /// is chosen by the host (SQLite embedded, PostgreSQL in a cluster).
    /// </summary>
    public static ISiloBuilder AddMatchingGrains(this ISiloBuilder silo, Province province, RuleBook rules)
    {
        silo.Services.AddSingleton(province);
        silo.Services.AddSingleton(rules);
        silo.Services.AddSingleton(new Firewall(rules));
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<Projects.DecisionFaults>();
        // The row-store collections (the store itself, IRowStore, comes with the storage provider).
        silo.Services.AddSingleton<Projects.ProjectHistory>();
        silo.Services.AddSingleton<Counties.CountyEvidenceRows>();
        silo.Services.AddSingleton<Parks.ParkOffers>();
        silo.Services.AddSingleton<Projects.BidKeys>();
        silo.Services.AddSingleton<Registry.ProjectLists>();
        silo.Services.AddSingleton<Inboxes.CountyInbox>();
        silo.Services.AddSingleton<Inboxes.InboxLayout>();
        silo.Services.AddSingleton<Investors.InvestorIndex>();
        silo.Services.AddSingleton<Access.RevealAudit>();
        silo.Services.AddSingleton<Access.AccountChanges>();
        silo.Services.AddSingleton<Pairings.PairingVersions>();
        silo.Services.AddSingleton<Access.AccountDirectory>();
        silo.Services.AddSingleton<Agreements.AgreementBook>();
        silo.Services.AddSingleton<Agreements.StageAmounts>();
        silo.Services.AddSingleton<Reports.CountyYearLedgers>();
        silo.Services.AddSingleton<Reports.CountyYearSettlements>();
        silo.Services.AddSingleton<Reports.OwedRecounts>();
        silo.Services.AddSingleton<Projects.ProjectProjections>();
        silo.Services.TryAddSingleton<Engine.ICandidateSource, Counties.GrainCandidateSource>();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Engine.IRecentAwardSource, Counties.GrainRecentAwardSource>());
        silo.Services.AddSerializer(serializer => serializer.AddMatchingSerialization());
        silo.Services.AddSingleton<IGrainStorageSerializer, JsonStateSerializer>();
        // Stage clocks (configuration section "Landing", e.g. Landing:Limits:Started = 183.00:00:00).
        silo.Services.AddOptions<Domain.Landing.LandingRules>().Bind(silo.Configuration.GetSection("Landing"));
        return silo;
    }

    /// <summary>
    /// Adds the escalation rules (<c>seeds/rules/escalation.json</c>) the project grains route contests by;
    /// <paramref name="timeout"/>, when set, replaces the rules' timeout (drills and tests).
    /// </summary>
    public static ISiloBuilder AddMatchingEscalation(this ISiloBuilder silo, Domain.Escalation.EscalationRuleBook rules, TimeSpan? timeout = null)
    {
        silo.Services.AddSingleton(timeout is { } t ? rules.WithTimeout(t) : rules);
        return silo;
    }
}
