using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace Matching.Storage.Sqlite;

/// <summary>Registers <see cref="SqliteGrainStorage"/> on a silo.</summary>
public static class SqliteGrainStorageExtensions
{
    /// <summary>Adds a SQLite grain storage under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure)
    {
        builder.Services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (services, key) =>
        {
            var options = services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name);
            options.GrainStorageSerializer ??= services.GetRequiredService<IGrainStorageSerializer>();
            return new SqliteGrainStorage(
                name,
                services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                options,
                services.GetRequiredService<ILogger<SqliteGrainStorage>>());
        });
        // The silo starts every (unkeyed) lifecycle participant; this one creates the table before grains run.
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services =>
            (ILifecycleParticipant<ISiloLifecycle>)services.GetRequiredKeyedService<IGrainStorage>(name));
        return builder;
    }
}
