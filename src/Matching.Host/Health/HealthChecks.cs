using System.Text.Json;
using Matching.Grains.Persistence;
using Matching.Host.Hosting;
using Matching.Host.Seeding;
using Matching.Storage.Sqlite;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Storage;

namespace Matching.Host.Health;

/// <summary>Readiness: the grain store answers.</summary>
internal sealed class StorageHealthCheck(
    [FromKeyedServices(MatchingStorage.Name)] IGrainStorage storage,
    Microsoft.Extensions.Options.IOptions<Hosting.StorageOptions> options) : IHealthCheck
{
    private static async Task<HealthCheckResult> PingPostgres(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM orleansquery", connection);
        await command.ExecuteScalarAsync(cancellationToken);
        return HealthCheckResult.Healthy("PostgreSQL grain store reachable");
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return storage switch
            {
                SqliteGrainStorage sqlite when await sqlite.PingAsync(cancellationToken) => HealthCheckResult.Healthy("SQLite grain store reachable"),
                SqliteGrainStorage => HealthCheckResult.Unhealthy("SQLite grain store did not answer"),
                _ when options.Value.Provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase) =>
                    await PingPostgres(options.Value.ConnectionString!, cancellationToken),
                _ => HealthCheckResult.Healthy($"{storage.GetType().Name} (no probe)"),
            };
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Grain store unreachable", e);
        }
    }
}

/// <summary>Readiness: a background start-up step (seeds, search) has completed.</summary>
internal sealed class StartupHealthCheck<TSignal>(TSignal signal) : IHealthCheck where TSignal : StartupSignal
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(signal.Done.Status switch
        {
            TaskStatus.RanToCompletion => HealthCheckResult.Healthy($"{signal.Step} ready: {signal.Done.Result}"),
            TaskStatus.Faulted => HealthCheckResult.Unhealthy($"{signal.Step} failed", signal.Done.Exception?.GetBaseException()),
            _ => HealthCheckResult.Unhealthy($"{signal.Step} still in progress"),
        });
}

/// <summary>Health endpoints: <c>/health</c> (everything, JSON), <c>/health/live</c>, <c>/health/ready</c>.</summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddMatchingHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag])
            .AddCheck<StartupHealthCheck<SeedStatus>>("seeds", tags: [ReadyTag])
            .AddCheck<StartupHealthCheck<Search.SearchStatus>>("search", tags: [ReadyTag])
            .AddCheck<StartupHealthCheck<Auth.AccountStatus>>("accounts", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapMatchingHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteJson }).AllowAnonymous();
        // Liveness runs no checks: the process answers, so it is alive.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJson }).AllowAnonymous();
        return app;
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            totalDurationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                error = e.Value.Exception?.Message,
            }),
        }, cancellationToken: context.RequestAborted);
    }
}
