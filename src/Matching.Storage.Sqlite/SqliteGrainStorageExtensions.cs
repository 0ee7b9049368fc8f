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
    /// Everything the platform stores, in SQLite files under <paramref name="folder"/>: grain state
    /// (<c>grains.db</c>, provider <paramref name="name"/>), the live-event log (<c>events.db</c>) and the row
    /// store (<c>rows.db</c>) and the reminders (<c>reminders.db</c>, durable: a deadline registered before a
    /// restart fires after it); each file has its own write lock.
    /// </summary>
    public static ISiloBuilder AddMatchingSqliteStorage(this ISiloBuilder builder, string name, string folder)
    {
        builder.AddSqliteGrainStorage(name, options => options.DatabasePath = Path.Combine(folder, "grains.db"));
        builder.Services.AddSingleton<Matching.Contracts.Live.IEventLog>(_ => new SqliteEventLog(Path.Combine(folder, "events.db")));
        builder.Services.AddSingleton<Matching.Contracts.Persistence.IRowStore>(services =>
            new SqliteRowStore(Path.Combine(folder, "rows.db"), services.GetService<TimeProvider>()));
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable>(_ => new SqliteReminderTable(Path.Combine(folder, "reminders.db")));
        return builder;
    }
}
