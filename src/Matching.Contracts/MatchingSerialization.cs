using Matching.Domain;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;

namespace Matching.Contracts;

/// <summary>Serialization of messages between grains, shared by silos and clients.</summary>
public static class MatchingSerialization
{
    /// <summary>
    /// Domain records (which carry no Orleans attributes, by design) cross silo boundaries as JSON in
    /// <see cref="MatchingJson"/>'s shape and are shared, not copied, within a silo (<see cref="DomainValueCopier"/>);
    /// contract types use Orleans' generated serializers.
    /// </summary>
    public static ISerializerBuilder AddMatchingSerialization(this ISerializerBuilder builder)
    {
        builder.Services.AddSingleton<IGeneralizedCopier, DomainValueCopier>();
        return builder.AddJsonSerializer(
            isSerializable: DomainValueCopier.IsDomainType,
            isCopyable: _ => false,
            configureOptions: options => options.Configure(o => o.SerializerOptions = MatchingJson.Options));
    }
}
