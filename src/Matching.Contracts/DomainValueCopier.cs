using Matching.Domain;
using Orleans.Serialization.Cloning;

namespace Matching.Contracts;

/// <summary>
/// Passes domain values between grains of one silo as they are, without copying them. Domain types are
/// immutable records (init-only properties, read-only collections, changes made with <c>with</c>), so
/// sharing an instance is safe; copying them through the JSON codec serialized and parsed every project,
/// county and bid on every local grain call (a bid's path made several such calls).
/// </summary>
internal sealed class DomainValueCopier : IGeneralizedCopier, IOptionalDeepCopier
{
    /// <summary>True for the domain assembly's types.</summary>
    public static bool IsDomainType(Type type) => type.Assembly == typeof(MatchingJson).Assembly;

    public bool IsSupportedType(Type type) => IsDomainType(type);

    public object? DeepCopy(object? input, CopyContext context) => input;

    public bool IsShallowCopyable() => true;
}
