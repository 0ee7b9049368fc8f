using Matching.Host.Apis;
using Matching.Host.Auth;
using Matching.Host.Live;
using Matching.Host.Security;
using Matching.Host.Hosting;
using Matching.Host.Telemetry;
using Matching.Storage.PostgreSql;

// `migrate`: bring the PostgreSQL schema (infra/postgresql) up to date, then exit. Idempotent.
if (args.FirstOrDefault() == "migrate")
{
    var configuration = new ConfigurationBuilder().AddCommandLine(args.Skip(1).ToArray()).AddEnvironmentVariables().Build();
    var connectionString = configuration["Storage:ConnectionString"]
        ?? throw new InvalidOperationException("migrate needs --Storage:ConnectionString (or the Storage__ConnectionString variable).");
    var applied = await PostgreSqlMigrator.MigrateAsync(connectionString);
    Console.WriteLine(applied.Count == 0 ? "Schema up to date." : $"Applied: {string.Join(", ", applied)}");
    return;
}

// `reset-password <user>`: a new generated password for an account, printed once.
if (args.FirstOrDefault() == "reset-password")
{
    Environment.ExitCode = await PasswordReset.RunAsync(args);
    return;
}

// `rotate-signing-key`: a new signing key in the key file; the previous one keeps verifying.
if (args.FirstOrDefault() == "rotate-signing-key")
{
    Environment.ExitCode = SigningKeyFile.Run(args);
    return;
}

// `calibrate <labelled.csv>`: fit the fit model's weights to labelled projects and print them as configuration.
if (args.FirstOrDefault() == "calibrate")
{
    Environment.ExitCode = Matching.Host.Calibration.CalibrateCommand.Run(args, Console.Out);
    return;
}

// Content (appsettings, wwwroot) comes from beside the binaries; data goes under the caller's directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddMatchingSecurity();
builder.AddMatchingSilo();
builder.AddMatchingSearch();
builder.AddMatchingApi();
builder.AddMatchingAuth();
builder.AddMatchingLive();
builder.AddMatchingTelemetry();

var app = builder.Build();

app.UseMatchingSecurity();
app.UseMatchingApi();
app.UseMatchingAuth();
app.MapMatchingApi();
app.MapMatchingLive();
app.MapMatchingDashboard();
app.LogWhereToOpen();

app.Run();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
