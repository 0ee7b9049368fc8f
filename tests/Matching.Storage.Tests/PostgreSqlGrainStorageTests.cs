using Matching.Grains.Persistence;
using Matching.Storage.PostgreSql;
using Matching.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Hosting;
using Orleans.Storage;

namespace Matching.Storage.Tests;

/// <summary>A PostgreSQL server with the migrations applied and a silo whose grain storage is on it.</summary>
public sealed class PostgresSilo : IAsyncLifetime
{
    public PostgresServer Server { get; } = new();

    public IHost? Host { get; private set; }

    public async ValueTask InitializeAsync()
    {
        await Server.InitializeAsync();
        if (Server.SkipReason is not null) return;
        Host = new HostBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next());
                silo.Services.AddSingleton<IGrainStorageSerializer, JsonStateSerializer>();
                silo.AddPostgreSqlGrainStorage(MatchingStorage.Name, Server.ConnectionString);
            })
            .Build();
        await Host.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.StopAsync();
            Host.Dispose();
        }

        await Server.DisposeAsync();
    }
}

/// <summary>The grain-storage contract on PostgreSQL, through Orleans' ADO.NET provider and the project's schema.</summary>
public sealed class PostgreSqlGrainStorageTests(PostgresSilo silo) : GrainStorageContract, IClassFixture<PostgresSilo>
{
    protected override Task<IGrainStorage> OpenStorage()
    {
        if (silo.Server.SkipReason is { } reason) Assert.Skip(reason);
        return Task.FromResult(silo.Host!.Services.GetRequiredKeyedService<IGrainStorage>(MatchingStorage.Name));
    }

    [Fact]
    public async Task Migrating_again_changes_nothing()
    {
        if (silo.Server.SkipReason is { } reason) Assert.Skip(reason);

        var applied = await PostgreSqlMigrator.MigrateAsync(silo.Server.ConnectionString, TestContext.Current.CancellationToken);

        Assert.Empty(applied);
    }

    [Fact]
    public async Task The_schema_refuses_a_second_row_for_one_grain()
    {
        if (silo.Server.SkipReason is { } reason) Assert.Skip(reason);
        await using var connection = new NpgsqlConnection(silo.Server.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        const string insert = """
            INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, modifiedon, version)
            VALUES (1, 2, 3, 4, 'race', NULL, 'matching', now(), 1)
            """;
        await using (var first = new NpgsqlCommand(insert, connection)) await first.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        await using var second = new NpgsqlCommand(insert, connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => second.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }
}
