using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Matching.Host.Auth;

/// <summary>
/// The embedded issuer's keys: the current one signs, it and the previous ones verify (so a rotation
/// does not sign everyone out). Loaded at start, before the web server accepts requests, from a
/// configured secret (<see cref="AuthOptions.SigningKey"/>) or the embedded profile's key file
/// (<see cref="SigningKeyFile"/>); never from grain state, which sits beside the password hashes.
/// </summary>
public sealed class SigningKeys
{
    /// <summary>Shortest accepted key: HMAC-SHA256 wants 256 bits.</summary>
    public const int MinimumBytes = 32;

    private SymmetricSecurityKey? _key;
    private SecurityKey[] _all = [];

    /// <summary>The signing key, once loaded.</summary>
    public SymmetricSecurityKey Key => _key ?? throw new InvalidOperationException("The signing key is not loaded yet.");

    /// <summary>What token validation may use: nothing until the keys are loaded.</summary>
    public IEnumerable<SecurityKey> ValidationKeys => _all;

    /// <summary>Where the keys came from (a file path, <c>configuration</c> or <c>storage</c>), for the log.</summary>
    public string? Source { get; private set; }

    internal void Load(byte[] current, IEnumerable<byte[]> previous, string source)
    {
        var key = ToKey(current);
        _all = [key, .. previous.Where(p => !p.AsSpan().SequenceEqual(current)).Select(ToKey)];
        _key = key;
        Source = source;
    }

    /// <summary>A fresh random key.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(64);

    /// <summary>A configured or stored key; refuses one too short to sign with.</summary>
    public static byte[] Parse(string base64, string where)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{where}: the signing key is not base64.", e);
        }

        return key.Length >= MinimumBytes ? key : throw new InvalidOperationException($"{where}: the signing key has {key.Length} bytes; at least {MinimumBytes} are needed.");
    }

    // The key id names the key in each token's header, so a verifier tries the right key first.
    private static SymmetricSecurityKey ToKey(byte[] key) =>
        new(key) { KeyId = "matching-" + Convert.ToHexStringLower(SHA256.HashData(key))[..12] };
}
