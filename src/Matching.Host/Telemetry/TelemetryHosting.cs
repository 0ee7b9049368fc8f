using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Matching.Host.Telemetry;

/// <summary>
/// OpenTelemetry traces, metrics and logs over OTLP, switched on by an endpoint:
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with the other standard <c>OTEL_*</c> variables) or
/// <c>Telemetry:Otlp:Endpoint</c> (with <c>Telemetry:Otlp:Protocol</c> = <c>grpc</c> or <c>http/protobuf</c>).
/// Without one nothing is registered, so the embedded default pays nothing.
/// Structured console logs need no code: <c>Logging:Console:FormatterName=json</c>.
/// </summary>
public static class TelemetryHosting
{
    /// <summary>Traced: ASP.NET Core requests, outgoing HTTP, Orleans grain calls and storage, the platform's own spans.</summary>
    public static readonly string[] Sources =
        ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage", MatchingTelemetry.Name];

    /// <summary>Measured: ASP.NET Core and Kestrel, Orleans (grain calls, activations, messaging, membership), .NET runtime, the platform's own.</summary>
    public static readonly string[] Meters = ["Microsoft.Orleans", "System.Runtime", MatchingTelemetry.Name];

    public static WebApplicationBuilder AddMatchingTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var endpoint = configuration["Telemetry:Otlp:Endpoint"];
        var fromEnvironment = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint) && string.IsNullOrWhiteSpace(fromEnvironment)) return builder;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: configuration["OTEL_SERVICE_NAME"] ?? configuration["Telemetry:ServiceName"] ?? "matching-host",
                serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddSource("System.Net.Http")
                .AddSource(Sources))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(Meters));

        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            var protocol = configuration["Telemetry:Otlp:Protocol"] is "http/protobuf" or "http"
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, new Uri(endpoint));
        }
        else
        {
            // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS … itself.
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
