using Matching.Host.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Matching.Host.Hosting;

/// <summary>
/// Tells the person who started the host where to open it, once everything readiness waits for is done
/// (seeds, search, the seeded accounts), so that the address it prints answers <c>/health/ready</c> with 200.
/// </summary>
public static partial class ReadyBanner
{
    public static WebApplication LogWhereToOpen(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Matching");
            var seeds = app.Services.GetRequiredService<SeedStatus>();
            var search = app.Services.GetRequiredService<Search.SearchStatus>();
            var accounts = app.Services.GetRequiredService<Auth.AccountStatus>();
            Task.WhenAll(seeds.Done, search.Done, accounts.Done).ContinueWith(
                ready =>
                {
                    if (ready.IsCompletedSuccessfully)
                        LogReady(logger, string.Join(", ", addresses.Select(a => a.TrimEnd('/') + "/")), $"{seeds.Done.Result}; {search.Done.Result}");
                },
                TaskScheduler.Default);
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Matching (山东省协同招商平台) is ready: open {Addresses} — {Summary}")]
    private static partial void LogReady(ILogger logger, string addresses, string summary);
}
