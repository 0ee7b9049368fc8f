namespace Matching.Host.Security;

/// <summary>
/// Headers every response carries. The workbench is served from the host alone (scripts, styles,
/// the SignalR connection), so its content security policy allows the host's own origin and nothing
/// else; the API reference and the Orleans dashboard are third-party pages with inline code and get a
/// policy of their own. API answers are never cached: they carry investor identities and bids.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>The workbench's policy (checked by the browser tests).</summary>
    public const string WorkbenchPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string ThirdPartyPagePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var path = context.Request.Path;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = path.StartsWithSegments("/api/docs") || path.StartsWithSegments("/dashboard")
                ? ThirdPartyPagePolicy
                : WorkbenchPolicy;
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/dashboard"))
                headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
