using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Matching.Host.Auth;

/// <summary>
/// Password guessing cut off by failures, not by attempts: failed sign-ins are counted per client
/// address and per user name in fixed one-minute windows, and a client or name over its count is
/// answered 429 before its password is checked. A correct sign-in costs nothing, so one client's
/// guessing neither blocks another client nor a user who knows their password from elsewhere.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    /// <summary>Longest user name kept as a key: a guess with a megabyte of name is still one name.</summary>
    private const int MaxNameKey = 64;

    private readonly PartitionedRateLimiter<string> _failures;

    public SignInThrottle(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _failures = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, k.StartsWith("user:", StringComparison.Ordinal) ? limits.FailedSignInsPerUserPerMinute : limits.SignInsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>How long the client or the name must wait, or null when it may try.</summary>
    public TimeSpan? Blocked(HttpContext context, string userName)
    {
        foreach (var key in Keys(context, userName))
        {
            // Zero permits: asks whether any are left, without taking one.
            using var lease = _failures.AttemptAcquire(key, 0);
            if (!lease.IsAcquired)
                return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        }

        return null;
    }

    /// <summary>Counts a failed sign-in against the client and the name.</summary>
    public void Failed(HttpContext context, string userName)
    {
        foreach (var key in Keys(context, userName)) _failures.AttemptAcquire(key).Dispose();
    }

    private static string[] Keys(HttpContext context, string userName)
    {
        var name = userName.Trim().ToLowerInvariant();
        return ["client:" + context.Connection.RemoteIpAddress, "user:" + (name.Length > MaxNameKey ? name[..MaxNameKey] : name)];
    }

    public void Dispose() => _failures.Dispose();
}
