using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Matching.Testing;

/// <summary>
/// One real host process (<c>dotnet Matching.Host.dll</c>) on 127.0.0.1: its own HTTP, silo and gateway
/// ports and data folder, every seeded account's password <see cref="SeedPassword"/>, request limits
/// out of the way, JSON console logs kept for diagnostics. Stopped gracefully with SIGTERM, or killed
/// with SIGKILL. The embedded profile unless the settings say otherwise (<see cref="ClusterMember"/>).
/// On 127.0.0.1, or in a network namespace of its own on its own address (<see cref="HostPlacement"/>).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public const string SeedPassword = "host-test-secret";

    private readonly ConcurrentQueue<string> _output = new();
    private readonly string[] _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly HostPlacement? _placement;
    private Process? _process;

    /// <param name="name">Names the host in messages.</param>
    /// <param name="dataFolder">Its working directory and <c>Storage:Path</c>.</param>
    /// <param name="settings">Configuration given on the command line, over the defaults.</param>
    /// <param name="environment">Environment variables of the process.</param>
    /// <param name="hostAssembly">The host to run; <see cref="SourceTree.HostAssembly"/> when not given.</param>
    /// <param name="placement">A network namespace to run in, with the host's address there; the shared loopback when not given.</param>
    public HostProcess(
        string name, string dataFolder, IReadOnlyDictionary<string, string>? settings = null,
        IReadOnlyDictionary<string, string>? environment = null, string? hostAssembly = null, HostPlacement? placement = null)
    {
        _environment = environment ?? new Dictionary<string, string>();
        _placement = placement;
        Name = name;
        // Alone in its namespace a host can have Orleans' usual ports; on the shared loopback it needs free ones.
        HttpPort = placement is null ? FreePort.Next() : 8080;
        SiloPort = placement is null ? FreePort.Next() : 11111;
        GatewayPort = placement is null ? FreePort.Next() : 30000;
        DataFolder = dataFolder;
        var all = new Dictionary<string, string>
        {
            ["urls"] = BaseAddress.ToString().TrimEnd('/'),
            ["Storage:Path"] = dataFolder,
            ["Orleans:SiloPort"] = SiloPort.ToString(),
            ["Orleans:GatewayPort"] = GatewayPort.ToString(),
            ["Auth:SeedPassword"] = SeedPassword,
            ["RateLimits:PermitsPerMinute"] = "60000000",
            ["RateLimits:Burst"] = "1000000",
            ["RateLimits:SignInsPerMinute"] = "100000",
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Matching"] = "Information",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        _arguments = [hostAssembly ?? SourceTree.HostAssembly, .. all.Select(kv => $"--{kv.Key}={kv.Value}")];
    }

    /// <summary>A host of a cluster on PostgreSQL (the cluster profile), each host with its own Lucene index.</summary>
    public static HostProcess ClusterMember(
        string name, string connectionString, string clusterId, string dataFolder,
        IReadOnlyDictionary<string, string>? settings = null, IReadOnlyDictionary<string, string>? environment = null,
        HostPlacement? placement = null)
    {
        var all = new Dictionary<string, string>
        {
            ["Matching:Profile"] = "Cluster",
            // A test server allows 400 connections; several hosts with Npgsql's default pool of 100 would exhaust it.
            ["Storage:ConnectionString"] = connectionString + ";Maximum Pool Size=20",
            // No Elasticsearch on the test machine: each host keeps its own Lucene index.
            ["Search:Provider"] = "Lucene",
            ["Orleans:ServiceId"] = "matching-tests",
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:AdvertisedIPAddress"] = placement?.Address ?? "127.0.0.1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        return new HostProcess(name, dataFolder, all, environment, placement: placement);
    }

    public string Name { get; }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public string DataFolder { get; }

    /// <summary>The address the host listens and advertises on.</summary>
    public string Address => _placement?.Address ?? "127.0.0.1";

    public Uri BaseAddress => new($"http://{Address}:{HttpPort}/");

    /// <summary>A handler for HTTP clients of this host (one whose sockets reach its namespace, if it has one).</summary>
    public HttpMessageHandler CreateHandler() => _placement?.Handler() ?? new SocketsHttpHandler();

    public bool IsRunning => _process is { HasExited: false };

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>The process id while it runs.</summary>
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Resident memory of the process (MiB).</summary>
    public double ResidentMiB()
    {
        if (_process is not { HasExited: false } process) return 0;
        process.Refresh();
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }

    /// <summary>
    /// A file that keeps everything the process prints (appended, across restarts), besides the last
    /// 2,000 lines kept in memory; null: none.
    /// </summary>
    public string? LogFile { get; set; }

    /// <summary>Writes a marker line (a trial's start, a fault) into <see cref="LogFile"/>, between the process's own lines.</summary>
    public void Note(string line)
    {
        if (LogFile is not { } file) return;
        lock (_output) File.AppendAllText(file, $"=== {DateTime.UtcNow:HH:mm:ss.fff} UTC {line}{Environment.NewLine}");
    }

    /// <summary>What the process printed, oldest first (the last 2,000 lines).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Starts the process and waits until <c>/health/ready</c> answers 200 (seeds in, search ready).</summary>
    public async Task StartAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (IsRunning) throw new InvalidOperationException($"{Name} is already running.");
        Directory.CreateDirectory(DataFolder);
        // ip netns exec execs the command: the process started is the host itself (SIGKILL reaches it).
        var info = new ProcessStartInfo(_placement is null ? "dotnet" : "ip") { WorkingDirectory = DataFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        if (_placement is { } placement)
            foreach (var argument in new[] { "netns", "exec", placement.Namespace, "dotnet" }) info.ArgumentList.Add(argument);
        foreach (var argument in _arguments) info.ArgumentList.Add(argument);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        foreach (var (key, value) in _environment) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        Note($"{Name} started, pid {process.Id}");
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => Note($"{Name} exited with {process.ExitCode}");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient(CreateHandler()) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} before it was ready:\n{Tail()}");
            try
            {
                using var response = await http.GetAsync("/health/ready", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (deadline.Elapsed > limit)
                throw new TimeoutException($"{Name} was not ready within {limit}:\n{Tail()}");
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>SIGTERM, then waits for the process to end; returns how long the graceful stop took.</summary>
    public async Task<TimeSpan> StopAsync(TimeSpan? timeout = null)
    {
        if (_process is not { HasExited: false } process) return TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        if (Kill(process.Id, SigTerm) != 0) throw new InvalidOperationException($"kill -TERM {process.Id} failed.");
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Name} did not stop within {timeout}:\n{Tail()}");
        }

        return watch.Elapsed;
    }

    /// <summary>SIGKILL: the process ends at once, without leaving the cluster or writing anything.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process) return;
        Kill(process.Id, SigKill);
        await process.WaitForExitAsync();
    }

    public string Tail(int lines = 40) => string.Join('\n', _output.TakeLast(lines).Select(l => l.Length > 400 ? l[..400] + "…" : l));

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        if (LogFile is { } file)
            lock (_output) File.AppendAllText(file, line + Environment.NewLine);
        _output.Enqueue(line);
        while (_output.Count > 2000) _output.TryDequeue(out _);
    }

    private const int SigKill = 9, SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>Where a host runs when not on the shared loopback: a network namespace, its address there, and how clients reach it.</summary>
public sealed record HostPlacement(string Namespace, string Address, Func<HttpMessageHandler> Handler);
