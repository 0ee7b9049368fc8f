using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Storage;

namespace Matching.Storage.PostgreSql;

/// <summary>
/// Registers grain storage on PostgreSQL through Orleans' ADO.NET provider. The platform's hosts use
/// <see cref="PostgreSqlGrainStorage"/> (same table and rows, writes in the host's group commit); this stays for
/// the tests that prove the two read each other's rows, and for tools that need the provider itself.
/// </summary>
public static class PostgreSqlGrainStorageExtensions
{
    /// <summary>The ADO.NET invariant name Orleans resolves the provider factory by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Adds PostgreSQL grain storage under <paramref name="name"/>; the schema comes from <see cref="PostgreSqlMigrator"/>.</summary>
    public static ISiloBuilder AddPostgreSqlGrainStorage(this ISiloBuilder builder, string name, string connectionString)
    {
        DbProviderFactories.RegisterFactory(Invariant, NpgsqlFactory.Instance);
        return builder.AddAdoNetGrainStorage(name, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
    }
}

/// <summary>The cluster profile's storage, chosen together.</summary>
public static class PostgreSqlMatchingStorageExtensions
{
    /// <summary>
    /// Everything the platform stores, in one PostgreSQL database (schema from <see cref="PostgreSqlMigrator"/>):
    /// grain state (provider <paramref name="name"/>, <see cref="PostgreSqlGrainStorage"/> in the ADO.NET provider's rows),
    /// durable reminders, the live-event log, the row store and the attachments.
    /// </summary>
    public static ISiloBuilder AddMatchingPostgreSqlStorage(this ISiloBuilder builder, string name, string connectionString)
    {
        connectionString = PostgreSqlStatements.Prepared(connectionString);
        builder.UsePostgreSqlReminders(connectionString);
        var dataSource = new Lazy<NpgsqlDataSource>(() => NpgsqlDataSource.Create(connectionString));
        // Grain writes, row projections and live-event appends of every grain of the host share one group commit.
        var commits = new Lazy<PostgreSqlCommitQueue>(() => new PostgreSqlCommitQueue(dataSource.Value));
        // One row store for the port and for the grain storage, which commits the rows a grain hands over with its state.
        builder.Services.AddSingleton(services => new PostgreSqlRowStore(dataSource.Value, commits.Value, services.GetService<TimeProvider>()));
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) => new PostgreSqlGrainStorage(
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, dataSource.Value, commits.Value,
            services.GetRequiredService<IGrainStorageSerializer>(), services.GetRequiredService<PostgreSqlRowStore>()));
        builder.Services.AddSingleton<Matching.Contracts.Live.IEventLog>(_ => new PostgreSqlEventLog(dataSource.Value, commits.Value));
        builder.Services.AddSingleton<Matching.Contracts.Persistence.IRowStore>(services => services.GetRequiredService<PostgreSqlRowStore>());
        builder.Services.AddSingleton<Matching.Contracts.Attachments.IBlobStore>(_ => new PostgreSqlBlobStore(dataSource.Value));
        return builder;
    }
}
