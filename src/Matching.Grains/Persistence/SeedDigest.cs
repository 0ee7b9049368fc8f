using System.Security.Cryptography;
using System.Text.Json;
using Matching.Domain;

namespace Matching.Grains.Persistence;

/// <summary>A short fingerprint of a seed record, so a grain can tell "same seed again" from "new seed".</summary>
internal static class SeedDigest
{
    public static string Of<T>(T seed) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(seed, MatchingJson.Options)));
}
