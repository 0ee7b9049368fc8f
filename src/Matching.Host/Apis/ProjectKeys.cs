using System.Security.Cryptography;
using System.Text;

namespace Matching.Host.Apis;

/// <summary>Project ids for creates sent with an idempotency key.</summary>
internal static class ProjectKeys
{
    /// <summary>
    /// The id a caller's key names (a name-based UUID, version 8): the same caller and key always
    /// reach the same project grain, so a retried create finds what the first one stored. Another
    /// caller's same key names another project.
    /// </summary>
    public static Guid IdFor(string caller, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"matching/project-create\n{caller}\n{key}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
