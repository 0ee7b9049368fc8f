using Matching.Host.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Matching.Host.Hosting;

/// <summary>Tells the person who started the host where to open it, once the seeds are in.</summary>
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
            Task.WhenAll(seeds.Done, search.Done).ContinueWith(
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
