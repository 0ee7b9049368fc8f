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

/// <summary>The embedded profile's storage, chosen together.</summary>
public static class SqliteMatchingStorageExtensions
{
    /// <summary>
    /// Everything the platform stores, under <paramref name="folder"/>: grain state (provider
    /// <paramref name="name"/>), the live-event log, the row store and the reminders (durable: a deadline
    /// registered before a restart fires after it) in one SQLite file, <c>matching.db</c>, with one write
    /// queue (<see cref="SqliteStore"/>; a folder of the earlier four-file layout is imported at first
    /// start); the attachments in <c>attachments/</c>, a file per upload. <paramref name="synchronous"/>: when
    /// commits are flushed (every commit unless chosen otherwise).
    /// </summary>
    public static ISiloBuilder AddMatchingSqliteStorage(this ISiloBuilder builder, string name, string folder, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        builder.Services.AddSingleton(_ => SqliteStore.InFolder(folder, synchronous));
        builder.Services.AddOptions<SqliteGrainStorageOptions>(name);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (services, key) =>
        {
            var options = services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name);
            options.GrainStorageSerializer ??= services.GetRequiredService<IGrainStorageSerializer>();
            return new SqliteGrainStorage(
                name,
                services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                services.GetRequiredService<SqliteStore>(),
                options,
                services.GetRequiredService<ILogger<SqliteGrainStorage>>(),
                services.GetRequiredService<SqliteRowStore>(),
                services.GetRequiredService<SqliteEventLog>());
        });
        // The silo starts every (unkeyed) lifecycle participant; this one imports and creates the tables before grains run.
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services =>
            (ILifecycleParticipant<ISiloLifecycle>)services.GetRequiredKeyedService<IGrainStorage>(name));
        builder.Services.AddSingleton(services => new SqliteEventLog(services.GetRequiredService<SqliteStore>()));
        builder.Services.AddSingleton<Matching.Contracts.Live.IEventLog>(services => services.GetRequiredService<SqliteEventLog>());
        // One row store for the port and for the grain storage, which commits the rows a grain hands over with its state.
        builder.Services.AddSingleton(services => new SqliteRowStore(services.GetRequiredService<SqliteStore>(), services.GetService<TimeProvider>()));
        builder.Services.AddSingleton<Matching.Contracts.Persistence.IRowStore>(services => services.GetRequiredService<SqliteRowStore>());
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable>(services => new SqliteReminderTable(services.GetRequiredService<SqliteStore>()));
        builder.Services.AddSingleton<Matching.Contracts.Attachments.IBlobStore>(_ => new FileBlobStore(Path.Combine(folder, "attachments")));
        return builder;
    }
}
