using System.Data.Common;
using Npgsql;
using Orleans.Hosting;

namespace Matching.Storage.PostgreSql;

/// <summary>
/// Cluster membership and reminders on PostgreSQL through Orleans' ADO.NET providers; the tables and
/// the providers' queries come from <see cref="PostgreSqlMigrator"/> (infra/postgresql 003 and 004).
/// </summary>
public static class PostgreSqlClusterExtensions
{
    /// <summary>Silos find each other, and declare each other dead, through the membership table.</summary>
    public static ISiloBuilder UsePostgreSqlClustering(this ISiloBuilder builder, string connectionString)
    {
        DbProviderFactories.RegisterFactory(PostgreSqlGrainStorageExtensions.Invariant, NpgsqlFactory.Instance);
        return builder.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgreSqlGrainStorageExtensions.Invariant;
            options.ConnectionString = connectionString;
        });
    }

    /// <summary>Durable reminders: they survive the silo that registered them and every restart.</summary>
    public static ISiloBuilder UsePostgreSqlReminders(this ISiloBuilder builder, string connectionString)
    {
        DbProviderFactories.RegisterFactory(PostgreSqlGrainStorageExtensions.Invariant, NpgsqlFactory.Instance);
        return builder.UseAdoNetReminderService(options =>
        {
            options.Invariant = PostgreSqlGrainStorageExtensions.Invariant;
            options.ConnectionString = connectionString;
        });
    }
}
