using Matching.Testing;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Matching.Cluster.Tests;

/// <summary>
/// A private network made of Linux network namespaces, so that a test can cut a host off without
/// killing it: a hub namespace holding a bridge (and the test's own sockets and PostgreSQL, on
/// <see cref="HubAddress"/>), and one namespace per host joined to the bridge by a veth pair, each
/// host on its own address. Every address lives inside these namespaces (none in the machine's own
/// network, none routed anywhere else). Needs root and iproute2's <c>ip</c>.
/// </summary>
public sealed class IsolatedNetwork : IAsyncDisposable
{
    public const string HubAddress = "10.201.0.1";

    private readonly string _prefix;
    private readonly int _hosts;

    private IsolatedNetwork(string prefix, int hosts)
    {
        _prefix = prefix;
        _hosts = hosts;
    }

    /// <summary>The namespace of the bridge, PostgreSQL and the test's sockets.</summary>
    public string Hub => _prefix + "-hub";

    /// <summary>Why namespaces cannot be made here, or null.</summary>
    public static string? Unavailable { get; } = FindUnavailable();

    public static string HostAddress(int host) => $"10.201.0.{10 + host}";

    public string HostNamespace(int host) => $"{_prefix}-h{host}";

    /// <summary>Creates the hub and <paramref name="hosts"/> host namespaces, every link up.</summary>
    public static async Task<IsolatedNetwork> CreateAsync(int hosts)
    {
        // Namespace names are global to the machine, which other test runs share: a random prefix.
        var network = new IsolatedNetwork("mx" + Guid.NewGuid().ToString("N")[..8], hosts);
        try
        {
            var hub = network.Hub;
            await Ip($"netns add {hub}");
            await Ip($"-n {hub} link set lo up");
            await Ip($"-n {hub} link add br0 type bridge");
            await Ip($"-n {hub} addr add {HubAddress}/24 dev br0");
            await Ip($"-n {hub} link set br0 up");
            for (var i = 0; i < hosts; i++)
            {
                var ns = network.HostNamespace(i);
                await Ip($"netns add {ns}");
                await Ip($"-n {ns} link set lo up");
                await Ip($"-n {hub} link add v{i} type veth peer name eth0 netns {ns}");
                await Ip($"-n {hub} link set v{i} master br0 up");
                await Ip($"-n {ns} addr add {HostAddress(i)}/24 dev eth0");
                await Ip($"-n {ns} link set eth0 up");
            }

            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Cuts <paramref name="host"/> off: its bridge port goes down, so nothing reaches it or leaves it
    /// (not its peers, not PostgreSQL, not its clients) while its process runs on. Packets are dropped,
    /// not refused: connections hang as they do when a network fails.
    /// </summary>
    public Task CutAsync(int host) => Ip($"-n {Hub} link set v{host} down");

    /// <summary>Restores <paramref name="host"/>'s link.</summary>
    public Task HealAsync(int host) => Ip($"-n {Hub} link set v{host} up");

    /// <summary>An HTTP handler whose connections start in the hub namespace (the test's side of the bridge).</summary>
    public SocketsHttpHandler CreateHandler() => CreateHandler(Hub);

    /// <summary>
    /// An HTTP handler whose connections start inside <paramref name="host"/>'s own namespace: a client
    /// on the host's side of the cut, which reaches it while its link is down.
    /// </summary>
    public SocketsHttpHandler CreateHandlerInside(int host) => CreateHandler(HostNamespace(host));

    private SocketsHttpHandler CreateHandler(string ns) => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = CreateSocket(ns);
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>
    /// A TCP socket created in namespace <paramref name="ns"/>. setns moves only the calling thread, so the socket is
    /// made on a thread of its own that ends right after; the socket keeps its namespace wherever it is used.
    /// </summary>
    private static Socket CreateSocket(string ns)
    {
        Socket? socket = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/var/run/netns/{ns}");
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                    throw new IOException($"setns({ns}) failed: errno {Marshal.GetLastPInvokeError()}");
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new IOException($"no socket in namespace {ns}", error);
    }

    public async ValueTask DisposeAsync()
    {
        // Deleting a namespace deletes the veth ends inside it (and so their peers).
        for (var i = 0; i < _hosts; i++) await Ip($"netns delete {HostNamespace(i)}", check: false);
        await Ip($"netns delete {Hub}", check: false);
    }

    private static async Task Ip(string arguments, bool check = true)
    {
        var info = new ProcessStartInfo("ip", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("ip did not start.");
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"ip {arguments} exited with {process.ExitCode}: {await error}");
    }

    private static string? FindUnavailable()
    {
        if (!OperatingSystem.IsLinux()) return "network namespaces need Linux";
        if (Environment.UserName != "root") return "network namespaces need root (CI runs as root)";
        try
        {
            var probe = "mxprobe" + Guid.NewGuid().ToString("N")[..6];
            var info = new ProcessStartInfo("ip", $"netns add {probe}") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var add = Process.Start(info)!;
            var error = add.StandardError.ReadToEnd();
            add.WaitForExit();
            if (add.ExitCode != 0) return $"'ip netns add' failed here: {error.Trim()}";
            using var delete = Process.Start(new ProcessStartInfo("ip", $"netns delete {probe}") { RedirectStandardError = true })!;
            delete.WaitForExit();
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "iproute2's 'ip' is not installed";
        }
    }

    private const int CloneNewNet = 0x40000000;

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNs(int fd, int nstype);
}
