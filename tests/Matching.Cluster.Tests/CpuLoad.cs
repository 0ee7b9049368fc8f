using Matching.Testing;
using System.Diagnostics;

namespace Matching.Cluster.Tests;

/// <summary>
/// Keeps every core busy for as long as it lives: one spinning shell process per core, at the same
/// priority as the hosts, so that a test sees a machine under load whatever else runs beside it.
/// </summary>
public sealed class CpuLoad : IAsyncDisposable
{
    private readonly List<Process> _workers;

    private CpuLoad(List<Process> workers) => _workers = workers;

    /// <summary><c>MATCHING_CPU_LOAD</c> busy processes (0 for a quiet machine), one per core by default.</summary>
    public static int Configured =>
        int.TryParse(Environment.GetEnvironmentVariable("MATCHING_CPU_LOAD"), out var workers) && workers >= 0 ? workers : Environment.ProcessorCount;

    /// <summary>How many busy processes run.</summary>
    public int Workers => _workers.Count;

    /// <summary>Starts <paramref name="workers"/> busy processes (one per core by default).</summary>
    public static CpuLoad Start(int? workers = null)
    {
        var started = new List<Process>();
        for (var i = 0; i < (workers ?? Environment.ProcessorCount); i++)
        {
            var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("while :; do :; done");
            started.Add(Process.Start(info) ?? throw new InvalidOperationException("/bin/sh did not start."));
        }

        return new CpuLoad(started);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            if (!worker.HasExited) worker.Kill();
            await worker.WaitForExitAsync();
            worker.Dispose();
        }
    }
}
