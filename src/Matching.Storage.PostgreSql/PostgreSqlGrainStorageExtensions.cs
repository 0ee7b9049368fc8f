using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Hosting;

namespace Matching.Storage.PostgreSql;

/// <summary>Registers grain storage on PostgreSQL through Orleans' ADO.NET provider.</summary>
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
    /// grain state (provider <paramref name="name"/>), durable reminders, the live-event log, the row store and the attachments.
    /// </summary>
    public static ISiloBuilder AddMatchingPostgreSqlStorage(this ISiloBuilder builder, string name, string connectionString)
    {
        connectionString = PostgreSqlStatements.Prepared(connectionString);
        builder.AddPostgreSqlGrainStorage(name, connectionString);
        builder.UsePostgreSqlReminders(connectionString);
        var dataSource = new Lazy<NpgsqlDataSource>(() => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<Matching.Contracts.Live.IEventLog>(_ => new PostgreSqlEventLog(dataSource.Value));
        builder.Services.AddSingleton<Matching.Contracts.Persistence.IRowStore>(services =>
            new PostgreSqlRowStore(dataSource.Value, services.GetService<TimeProvider>()));
        builder.Services.AddSingleton<Matching.Contracts.Attachments.IBlobStore>(_ => new PostgreSqlBlobStore(dataSource.Value));
        return builder;
    }
}
