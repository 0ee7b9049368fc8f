using Matching.Contracts.Live;
using Matching.Host.Hosting;
using Matching.Live.Wire;
using Matching.Storage.PostgreSql;
using Matching.Storage.Sqlite;
using Npgsql;

namespace Matching.Host.Live;

/// <summary>SignalR, the durable event log on the configured storage, and this host's place in the fan-out.</summary>
public static class LiveHosting
{
    public static WebApplicationBuilder AddMatchingLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR().AddJsonProtocol(options => Domain.MatchingJson.Configure(options.PayloadSerializerOptions));
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        // The log lives where grain state does: SQLite beside it, or the cluster's PostgreSQL.
        if (builder.Configuration.StorageProvider().Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = storage.ConnectionString
                ?? throw new InvalidOperationException("Storage:ConnectionString is required with Storage:Provider=PostgreSql.");
            builder.Services.AddSingleton<IEventLog>(_ => new PostgreSqlEventLog(NpgsqlDataSource.Create(connectionString)));
        }
        else
        {
            builder.Services.AddSingleton<IEventLog>(_ => new SqliteEventLog(Path.Combine(Path.GetFullPath(storage.Path), "events.db")));
        }

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
