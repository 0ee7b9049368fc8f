using System.Net;
using System.Net.Sockets;
using Matching.Grains;
using Matching.Grains.Persistence;
using Matching.Host.Seeding;
using Matching.Seeds;
using Matching.Storage.PostgreSql;
using Matching.Storage.Sqlite;

namespace Matching.Host.Hosting;

/// <summary>Co-hosts the Orleans silo in the web host.</summary>
public static class SiloHosting
{
    /// <summary>
    /// Adds the silo with the configured storage, the seeds read from disk, and the seed loader that
    /// fills a new store on first start.
    /// </summary>
    public static WebApplicationBuilder AddMatchingSilo(this WebApplicationBuilder builder)
    {
        var seedsPath = builder.Configuration["Seeds:Path"] ?? ShandongSeeds.DefaultPath;
        var seeds = ShandongSeeds.Load(seedsPath);
        builder.Services.AddSingleton(seeds);
        builder.Services.AddSingleton<SeedStatus>();

        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.Section));
        var silo = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();

        builder.UseOrleans(orleans =>
        {
            orleans.UseLocalhostClustering(
                siloPort: silo.SiloPort == 0 ? FreePort() : silo.SiloPort,
                gatewayPort: silo.GatewayPort == 0 ? FreePort() : silo.GatewayPort,
                serviceId: silo.ServiceId,
                clusterId: silo.ClusterId);
            orleans.AddMatchingGrains(seeds.Province, FairCompetitionRules.Load(seedsPath));

            switch (storage.Provider.ToLowerInvariant())
            {
                case "sqlite":
                    orleans.AddSqliteGrainStorage(MatchingStorage.Name, options =>
                        options.DatabasePath = Path.Combine(Path.GetFullPath(storage.Path), "grains.db"));
                    break;
                case "postgresql":
                    orleans.AddPostgreSqlGrainStorage(MatchingStorage.Name, storage.ConnectionString
                        ?? throw new InvalidOperationException("Storage:ConnectionString is required with Storage:Provider=PostgreSql."));
                    break;
                default:
                    throw new InvalidOperationException(
                        $"Storage:Provider '{storage.Provider}' is not supported; use 'Sqlite' or 'PostgreSql'.");
            }
        });

        // Registered after the silo, so it starts once the silo is up.
        builder.Services.AddHostedService<SeedLoader>();
        return builder;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
