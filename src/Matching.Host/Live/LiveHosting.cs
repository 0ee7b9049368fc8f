using Matching.Live.Wire;

namespace Matching.Host.Live;

/// <summary>SignalR and this host's place in the fan-out.</summary>
public static class LiveHosting
{
    public static WebApplicationBuilder AddMatchingLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR().AddJsonProtocol(options => Domain.MatchingJson.Configure(options.PayloadSerializerOptions));
        // The event log itself comes with the storage (SiloHosting: AddMatchingSqliteStorage / AddMatchingPostgreSqlStorage).
        builder.Services.AddSingleton<RemoteLiveHub>();
        builder.Services.AddHostedService<LiveHubDirectoryUpdater>();
        return builder;
    }

    public static WebApplication MapMatchingLive(this WebApplication app)
    {
        // A connection ends when its token expires; the client signs in again and resumes from its last sequence.
        app.MapHub<LiveHub>(LiveHubProtocol.Path, options => options.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
