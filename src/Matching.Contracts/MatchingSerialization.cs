using Matching.Domain;
using Orleans.Serialization;

namespace Matching.Contracts;

/// <summary>Serialization of messages between grains, shared by silos and clients.</summary>
public static class MatchingSerialization
{
    /// <summary>
    /// Domain records (which carry no Orleans attributes, by design) cross grain boundaries as JSON in
    /// <see cref="MatchingJson"/>'s shape; contract types use Orleans' generated serializers.
    /// </summary>
    public static ISerializerBuilder AddMatchingSerialization(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(
            isSupported: type => type.Assembly == typeof(MatchingJson).Assembly,
            MatchingJson.Options);
}
