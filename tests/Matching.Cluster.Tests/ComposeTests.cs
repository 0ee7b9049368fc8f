using System.Diagnostics;
using Matching.Testing;

namespace Matching.Cluster.Tests;

/// <summary>
/// docker-compose.yml, validated by Debian's <c>docker-compose config</c> (no Docker engine runs here;
/// .ci/run installs the package). Skipped, with that reason, where the binary is missing.
/// </summary>
public sealed class ComposeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_compose_file_is_valid_and_holds_the_production_topology()
    {
        var compose = Environment.GetEnvironmentVariable("PATH")!.Split(':')
            .Select(folder => Path.Combine(folder, "docker-compose"))
            .FirstOrDefault(File.Exists);
        if (compose is null) Assert.Skip("docker-compose is not installed (apt-get install docker-compose)");

        var (exitCode, output) = await Run(compose, "-f docker-compose.yml config -q");
        Assert.True(exitCode == 0, output);

        var (_, listed) = await Run(compose, "-f docker-compose.yml config --services");
        var services = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(["postgres", "elasticsearch", "migrate", "host-1", "host-2", "proxy", "host-embedded"], s => Assert.Contains(s, services));

        var (_, resolved) = await Run(compose, "-f docker-compose.yml config");
        Assert.Contains("Matching__Profile: Cluster", resolved);
        Assert.Contains("condition: service_completed_successfully", resolved);
        Assert.Contains("matching-postgres", resolved);
        Assert.Contains("- embedded", resolved);   // host-embedded starts only with --profile embedded
    }

    private static async Task<(int ExitCode, string Output)> Run(string file, string arguments)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = SourceTree.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}
