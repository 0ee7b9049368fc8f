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

    public static string? Read(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0) return null;
        if (context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
        {
            context.Response.Cookies.Append(Name, token, new CookieOptions
            {
                Path = Path, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, IsEssential = true,
            });
            return token;
        }

        return context.Request.Cookies[Name];
    }
}

/// <summary>Sign-in (JWT bearer), authorization and abuse limits.</summary>
public static class AuthHosting
{
    /// <summary>The rate-limiting policy of the sign-in endpoint.</summary>
    public const string SignInPolicy = "sign-in";

    public static WebApplicationBuilder AddMatchingAuth(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        builder.Services.Configure<AuthOptions>(section);
        var auth = section.Get<AuthOptions>() ?? new AuthOptions();

        builder.Services.AddSingleton<SigningKeys>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<AccountStatus>();
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
            options.AddPolicy(SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                "sign-in:" + context.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.SignInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "请求过于频繁", Detail = $"请在 {seconds} 秒后重试。" },
                });
            };
        });
    }

    /// <summary>Authentication, then limits by identity, then authorization.</summary>
    public static WebApplication UseMatchingAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
