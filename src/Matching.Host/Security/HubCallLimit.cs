using System.Threading.RateLimiting;
using Matching.Host.Auth;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Matching.Host.Security;

/// <summary>
/// Hub method calls limited per connection (a token bucket kept with the connection): HTTP requests
/// pass the rate limiter, but one open connection could otherwise call <c>Resume</c> in a loop.
/// Over the limit a call fails with a <see cref="HubException"/> and the connection stays open.
/// </summary>
public sealed class HubCallLimit(IOptions<RateLimitOptions> options) : IHubFilter
{
    private static readonly object Key = new();

    /// <inheritdoc />
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = invocationContext.Context.Items;
        if (!items.TryGetValue(Key, out var existing) || existing is not RateLimiter limiter)
        {
            var limits = options.Value;
            limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, limits.HubBurst),
                TokensPerPeriod = Math.Max(1, limits.HubCallsPerMinute / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
            items[Key] = limiter;
        }

        using var lease = limiter.AttemptAcquire();
        if (!lease.IsAcquired) throw new HubException("调用过于频繁，请稍后重试。");
        return await next(invocationContext);
    }

    /// <inheritdoc />
    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.Remove(Key, out var limiter)) (limiter as IDisposable)?.Dispose();
        }
    }
}
