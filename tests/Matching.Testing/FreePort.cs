using System.Net;
using System.Net.Sockets;

namespace Matching.Testing;

/// <summary>Ports for test servers, hosts and silos.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Given = [];

    /// <summary>
    /// A port free on the loopback interface now and never handed out before by this process: the
    /// kernel may offer a just-released port again, and a host binding its HTTP and silo ports a
    /// moment after choosing them must not be given the same one twice.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Given)
            {
                if (Given.Add(port)) return port;
            }
        }
    }
}
