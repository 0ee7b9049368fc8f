using Microsoft.AspNetCore.Authentication;
using Orleans.Dashboard;

namespace Matching.Host.Hosting;

/// <summary>The Orleans dashboard under <c>/dashboard</c>, for the <c>admin</c> role only.</summary>
public static partial class DashboardHosting
{
    public const string Path = "/dashboard";

    /// <summary>
    /// Maps the dashboard when it is enabled (<c>Orleans:Dashboard:Enabled</c>, default true) and sign-in
    /// is configured. Without authentication services it stays unmapped rather than open to anyone.
    /// </summary>
    public static WebApplication MapMatchingDashboard(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Orleans:Dashboard:Enabled", true)) return app;
        if (app.Services.GetService<IAuthenticationSchemeProvider>() is null)
        {
            LogNoAuthentication(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Matching.Dashboard"));
            return app;
        }

        app.MapOrleansDashboard(routePrefix: Path).RequireAuthorization(policy => policy.RequireRole("admin"));
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Orleans dashboard is not served: no authentication is configured to restrict it to the admin role.")]
    private static partial void LogNoAuthentication(ILogger logger);
}
