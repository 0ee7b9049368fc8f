using System.Globalization;
using System.Text.Json;
using Matching.Domain;

namespace Matching.Grains.Persistence;

/// <summary>How the row-store collections write their rows: bodies in the one JSON shape, sort keys that order as numbers.</summary>
internal static class RowBodies
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, MatchingJson.Options);

    /// <summary>A digest of a request in the one JSON shape: tells a retry from another request under the same idempotency key.</summary>
    public static string Digest<T>(T request) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Write(request))));

    public static T Read<T>(string body) => JsonSerializer.Deserialize<T>(body, MatchingJson.Options)!;

    /// <summary>A non-negative number as a sort key: fixed width, so ordinal order is numeric order.</summary>
    public static string Number(long value) => value.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>A project id as a row key or partition.</summary>
    public static string Id(Guid id) => id.ToString("N");
}
