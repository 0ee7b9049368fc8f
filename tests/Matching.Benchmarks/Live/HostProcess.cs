using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Matching.Benchmarks.Live;

/// <summary>The real host, built in Release and run as a process of its own on a free port, with a throwaway data folder.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    public const string Password = "load-test-password";

    private readonly Process _process;
    private readonly string _data;

    private HostProcess(Process process, string data, Uri address)
    {
        (_process, _data, Address) = (process, data, address);
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    /// <summary>Resident memory of the host process (MiB), from /proc.</summary>
    public double ResidentMiB()
    {
        _process.Refresh();
        return _process.WorkingSet64 / 1024.0 / 1024.0;
    }

    /// <param name="postgres">A PostgreSQL connection string: the host keeps its state there (migrated first) instead of SQLite.</param>
    public static async Task<HostProcess> StartAsync(string? postgres = null)
    {
        var root = RepositoryRoot();
        var build = Process.Start(new ProcessStartInfo("dotnet", $"build -c Release \"{Path.Combine(root, "src", "Matching.Host")}\" -v q -nologo") { UseShellExecute = false })!;
        await build.WaitForExitAsync();
        if (build.ExitCode != 0) throw new InvalidOperationException("Building the host failed.");

        var data = Path.Combine(Path.GetTempPath(), "matching-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var port = FreePort();
        var dll = Path.Combine(root, "src", "Matching.Host", "bin", "Release", "net10.0", "Matching.Host.dll");
        string[] storage = postgres is null ? [] : ["--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={postgres}"];
        if (postgres is not null)
        {
            var migrate = Process.Start(new ProcessStartInfo("dotnet", [dll, "migrate", .. storage]) { UseShellExecute = false })!;
            await migrate.WaitForExitAsync();
            if (migrate.ExitCode != 0) throw new InvalidOperationException("Migrating the database failed.");
        }

        var start = new ProcessStartInfo("dotnet", [dll,
            $"--Urls=http://127.0.0.1:{port}", $"--Storage:Path={Path.Combine(data, "data")}", $"--Auth:SeedPassword={Password}",
            "--RateLimits:PermitsPerMinute=60000000", "--RateLimits:Burst=1000000", "--RateLimits:SignInsPerMinute=100000",
            "--Orleans:Dashboard:Enabled=false", "--Logging:LogLevel:Default=Warning", .. storage])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = data,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine("host: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var address = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = address };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) when (attempt < 600)
            {
            }

            if (process.HasExited) throw new InvalidOperationException("The host exited during start-up.");
            await Task.Delay(200);
        }

        return new HostProcess(process, data, address);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Matching.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the driver from inside the repository.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
