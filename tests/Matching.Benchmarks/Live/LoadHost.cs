using System.Diagnostics;
using Matching.Testing;

namespace Matching.Benchmarks.Live;

/// <summary>The host under load: built in Release and run as a process of its own (<see cref="HostProcess"/>) on a throwaway data folder.</summary>
internal sealed class LoadHost : IAsyncDisposable
{
    private readonly string _data;

    private LoadHost(HostProcess process, string data) => (Process, _data) = (process, data);

    public HostProcess Process { get; }

    public Uri Address => Process.BaseAddress;

    public double ResidentMiB() => Process.ResidentMiB();

    /// <summary>CPU time the host process has used so far (user and system, all threads).</summary>
    public TimeSpan CpuTime() => Process.Pid is { } pid ? System.Diagnostics.Process.GetProcessById(pid).TotalProcessorTime : TimeSpan.Zero;

    /// <summary>
    /// Environment variables given to this tree's host only, not to another build's (<c>--host-env
    /// DOTNET_GCgen0size=0x4000000</c>): runtime settings such as the GC's measured as an A/B of one build.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ThisBuildEnvironment { get; set; } = new Dictionary<string, string>();

    /// <param name="postgres">A migrated PostgreSQL database: the host keeps its state there instead of in SQLite.</param>
    /// <param name="hostAssembly">A host already built (another build to compare with); null builds this tree's host in Release.</param>
    /// <param name="startTimeout">How long the host may take to report ready (default 2 minutes; a start that rebuilds a large index needs more).</param>
    public static async Task<LoadHost> StartAsync(string? postgres = null, string? hostAssembly = null, TimeSpan? startTimeout = null)
    {
        if (hostAssembly is null)
        {
            // Measured in Release whatever configuration the driver was built in.
            var build = System.Diagnostics.Process.Start(new ProcessStartInfo("dotnet", $"build -c Release \"{Path.Combine(SourceTree.Root, "src", "Matching.Host")}\" -v q -nologo") { UseShellExecute = false })!;
            await build.WaitForExitAsync();
            if (build.ExitCode != 0) throw new InvalidOperationException("Building the host failed.");
        }

        var data = Path.Combine(Path.GetTempPath(), "matching-load-" + Guid.NewGuid().ToString("N"));
        var host = new HostProcess("load", data,
            settings: new Dictionary<string, string>
            {
                ["Orleans:Dashboard:Enabled"] = "false",
                ["Logging:LogLevel:Matching"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
                ["Storage:Provider"] = postgres is null ? "Sqlite" : "PostgreSql",
                ["Storage:ConnectionString"] = postgres ?? "",
            },
            environment: new Dictionary<string, string>(hostAssembly is null ? ThisBuildEnvironment : []) { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            hostAssembly: hostAssembly ?? Path.Combine(SourceTree.Root, "src", "Matching.Host", "bin", "Release", "net10.0", "Matching.Host.dll"));
        try
        {
            await host.StartAsync(startTimeout ?? TimeSpan.FromMinutes(2));
        }
        catch
        {
            // A host that never became ready is still a running process: stop it rather than leave it behind.
            await new LoadHost(host, data).DisposeAsync();
            throw;
        }

        return new LoadHost(host, data);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
