using System.Data.Common;
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
