using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Matching.Host.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace Matching.Host.Security;

/// <summary>
/// What the host does before any feature sees a request: the client's address from trusted proxies
/// only, security headers on every response, request targets within limits (as ProblemDetails), and
/// hub connections bound to their account and their method calls limited per connection.
/// </summary>
public static class SecurityHosting
{
    /// <summary>Configuration section of the trusted proxies.</summary>
    public const string ProxiesSection = "ForwardedHeaders";

    /// <summary>Longest request target (path and query) the API answers; longer is 414.</summary>
    public const int MaxRequestTarget = 8 * 1024;

    public static WebApplicationBuilder AddMatchingSecurity(this WebApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection(ProxiesSection);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Nothing is trusted by default (the framework trusts loopback): X-Forwarded-For from anyone
            // else would let a client pick its own rate-limit bucket, or lock another client out.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in Values(proxies.GetSection("KnownProxies")))
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in Values(proxies.GetSection("KnownNetworks")))
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            options.ForwardLimit = 1;
        });

        // Kestrel answers an oversize request line itself, with an empty body; up to this size the
        // host answers instead (414 as ProblemDetails, below).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = 64 * 1024);

        builder.Services.AddSingleton<Live.HubConnections>();
        builder.Services.AddSingleton<AccountHubGuard>();
        builder.Services.AddHostedService<AccountHubSweep>();
        builder.Services.AddSingleton<HubCallLimit>();
        // The limit first: a flood of calls over it costs no account read each.
        builder.Services.Configure<HubOptions>(options =>
        {
            options.AddFilter<HubCallLimit>();
            options.AddFilter<AccountHubGuard>();
        });
        return builder;
    }

    /// <summary>First in the pipeline.</summary>
    public static WebApplication UseMatchingSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMembershipFence();
        app.UseMiddleware<RequestTargetLimit>();
        return app;
    }

    /// <summary>A list given as array entries (<c>KnownProxies:0</c>) or as one comma-separated value.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        (section.Value is { Length: > 0 } value ? value.Split(',') : section.GetChildren().Select(c => c.Value ?? string.Empty))
        .Select(v => v.Trim()).Where(v => v.Length > 0);
}
