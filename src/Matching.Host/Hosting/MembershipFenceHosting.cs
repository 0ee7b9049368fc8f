using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Matching.Host.Hosting;

/// <summary>Registers the <see cref="MembershipFence"/>: the watcher, its 503 in front of every endpoint, and its readiness check.</summary>
internal static class MembershipFenceHosting
{
    /// <summary>Adds the fence when enabled (by default in the cluster profile). Call after the silo is added, so that it starts once the silo is active.</summary>
    public static void AddMembershipFence(this WebApplicationBuilder builder, MatchingProfile profile)
    {
        var section = builder.Configuration.GetSection(MembershipFenceOptions.Section);
        if (!(section.GetValue<bool?>(nameof(MembershipFenceOptions.Enabled)) ?? profile == MatchingProfile.Cluster)) return;
        builder.Services.Configure<MembershipFenceOptions>(section);
        builder.Services.AddSingleton<MembershipFence>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MembershipFence>());
        builder.Services.AddHealthChecks().AddCheck<MembershipFenceHealthCheck>("membership", tags: [Health.HealthEndpoints.ReadyTag]);
    }

    /// <summary>
    /// Puts <see cref="MembershipFenceGate"/> in front of every endpoint when the fence is registered. Called
    /// right after the security headers, so that its 503 carries them like every other answer.
    /// </summary>
    public static IApplicationBuilder UseMembershipFence(this IApplicationBuilder app) =>
        app.ApplicationServices.GetService<MembershipFence>() is null ? app : app.UseMiddleware<MembershipFenceGate>();
}

/// <summary>
/// While the fence is closed, every request but <c>/health</c> is answered 503 (ProblemDetails,
/// <c>Retry-After</c>) before any grain is touched, so that a proxy or client goes to another host.
/// </summary>
internal sealed class MembershipFenceGate(RequestDelegate next, MembershipFence fence, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (fence.Closed is not { } reason || context.Request.Path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "本节点暂不可用",
                Detail = $"{reason}，暂停服务以免与集群中的其他节点重复处理。请稍后重试或改用其他节点。",
            },
        });
    }
}

/// <summary>Readiness: the host's silo membership is confirmed (the fence is open).</summary>
internal sealed class MembershipFenceHealthCheck(MembershipFence fence) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(fence.Closed is { } reason
            ? HealthCheckResult.Unhealthy($"membership unconfirmed for {fence.Unconfirmed.TotalSeconds:F0} s: {reason}")
            : HealthCheckResult.Healthy($"membership confirmed {fence.Unconfirmed.TotalSeconds:F1} s ago"));
}
