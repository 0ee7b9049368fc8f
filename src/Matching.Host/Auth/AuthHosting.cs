using System.Globalization;
using System.Threading.RateLimiting;
using Matching.Contracts.Access;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.Tokens;

namespace Matching.Host.Auth;

/// <summary>The admin's token for the Orleans dashboard, carried by a cookie that only the dashboard's paths receive.</summary>
internal static class DashboardCookie
{
    public const string Path = "/dashboard";
    private const string Name = "matching_dashboard";

    /// <summary>The token of a dashboard request: from the query (the page opened once with it), else the cookie.</summary>
    public static string? Read(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0) return null;
        return QueryToken(context) ?? context.Request.Cookies[Name];
    }

    /// <summary>Keeps a token that came in the query, once it has been verified: a forged one never becomes a cookie.</summary>
    public static void KeepVerified(HttpContext context)
    {
        if (QueryToken(context) is not { } token) return;
        context.Response.Cookies.Append(Name, token, new CookieOptions
        {
            Path = Path, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, IsEssential = true,
        });
    }

    private static string? QueryToken(HttpContext context) =>
        context.Request.Query["access_token"].ToString() is { Length: > 0 } token ? token : null;
}

/// <summary>Sign-in (JWT bearer), authorization and abuse limits.</summary>
public static class AuthHosting
{
    /// <summary>The display name of routing's 415 endpoint (ASP.NET Core's AcceptsMatcherPolicy).</summary>
    private const string UnsupportedMediaTypeEndpoint = "415 HTTP Unsupported Media Type";

    public static WebApplicationBuilder AddMatchingAuth(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        builder.Services.Configure<AuthOptions>(section);
        var auth = section.Get<AuthOptions>() ?? new AuthOptions();

        builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<SignInGuard>();
        builder.Services.AddSingleton<SigningKeys>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<AccountStatus>();
        builder.Services.AddSingleton<CurrentAccounts>();
        builder.Services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        // After the silo (registered earlier), before the web server: the key must be there for the first request.
        builder.Services.AddHostedService<AccountSeeder>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = Caller.NameClaim;
            options.TokenValidationParameters.RoleClaimType = Caller.RoleClaim;
            options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            if (!string.IsNullOrEmpty(auth.Authority))
            {
                options.Authority = auth.Authority;
                options.Audience = auth.Audience;
                options.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                options.TokenValidationParameters.RoleClaimType = auth.RoleClaim;
            }
            else
            {
                options.TokenValidationParameters.ValidIssuer = AuthOptions.EmbeddedIssuer;
                options.TokenValidationParameters.ValidAudience = AuthOptions.EmbeddedIssuer;
                options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }

            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    var request = context.HttpContext.Request;
                    // Browsers cannot set headers on WebSockets: the hub takes the token from the query string.
                    if (request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } token)
                        context.Token = token;
                    // The dashboard is a page of its own whose scripts send no header: opened once with the
                    // token in the query, it keeps it in an HttpOnly cookie scoped to the dashboard.
                    else if (request.Path.StartsWithSegments(DashboardCookie.Path))
                        context.Token = DashboardCookie.Read(context.HttpContext);
                    return Task.CompletedTask;
                },
                OnTokenValidated = async context =>
                {
                    // An embedded token is only as good as its account: a token of an account that does not
                    // exist (minted with a stolen key), is disabled, or has changed role or county is refused.
                    if (string.IsNullOrEmpty(auth.Authority) &&
                        !await context.HttpContext.RequestServices.GetRequiredService<CurrentAccounts>().IsCurrent(context.Principal))
                    {
                        context.Fail("The token's account does not exist, is disabled or has changed.");
                        return;
                    }

                    if (context.Request.Path.StartsWithSegments(DashboardCookie.Path)) DashboardCookie.KeepVerified(context.HttpContext);
                },
            };
        });
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeys>((options, keys) =>
            {
                if (string.IsNullOrEmpty(auth.Authority))
                    options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => keys.ValidationKeys;
            });

        builder.Services.AddAuthorizationBuilder()
            // Every endpoint needs a Matching account unless it says otherwise (sign-in, health, docs).
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.AsActor() is not null)
                .Build());

        builder.AddMatchingRateLimits();
        // The request line of a hub connection carries its token; the hosting log must never print it.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Connections", LogLevel.Information);
        return builder;
    }

    private static void AddMatchingRateLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per identity: the account when signed in, else the address.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                // Health probes come from load balancers and orchestrators sharing an address; they read nothing.
                if (context.Request.Path.StartsWithSegments("/health")) return RateLimitPartition.GetNoLimiter("health");
                var key = context.User.AsActor()?.UserName is { } user ? "user:" + user : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = Math.Max(1, limits.PermitsPerMinute / 60),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = (context, _) =>
                TooManyRequests(context.HttpContext, context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1));
        });
    }

    /// <summary>A 429 ProblemDetails with <c>Retry-After</c>.</summary>
    internal static async ValueTask TooManyRequests(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "请求过于频繁", Detail = $"请在 {seconds} 秒后重试。" },
        });
    }

    /// <summary>Authentication, then limits by identity, then authorization.</summary>
    public static WebApplication UseMatchingAuth(this WebApplication app)
    {
        // Routing answers a body of the wrong media type with an endpoint of its own, which has no
        // authorization metadata: the fallback policy would make a form-encoded sign-in a 401. A 415
        // says only what the endpoint accepts, so anyone may hear it.
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is { } endpoint && endpoint.DisplayName == UnsupportedMediaTypeEndpoint &&
                endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
                context.SetEndpoint(new Endpoint(endpoint.RequestDelegate,
                    new EndpointMetadataCollection([.. endpoint.Metadata, new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute()]), endpoint.DisplayName));
            return next(context);
        });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
