using Matching.Testing;
namespace Matching.Cluster.Tests;

/// <summary>The hosts' failure detection as their logs tell it (probes missed, votes, evictions), printed with each trial.</summary>
public static class Membership
{
    /// <summary>Host settings that log Orleans' membership decisions.</summary>
    public static IReadOnlyDictionary<string, string> Diagnostics { get; } = new Dictionary<string, string>
    {
        ["Logging:LogLevel:Orleans.Runtime.MembershipService"] = "Information",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
    };

    /// <summary>
    /// With <c>MATCHING_RECOVERY_REPORT</c> set, every line each host prints goes to a file beside the
    /// report (<c>&lt;report&gt;-host0.log</c>, …, trials marked), so that a failed trial can be read afterwards.
    /// </summary>
    public static void KeepLogs(TestCluster cluster)
    {
        if (Environment.GetEnvironmentVariable("MATCHING_RECOVERY_REPORT") is not { Length: > 0 } report) return;
        foreach (var host in cluster.Hosts) host.LogFile = Path.ChangeExtension(report, null) + $"-{host.Name}.log";
    }

    /// <summary>Marks <paramref name="line"/> in every host's kept log.</summary>
    public static void Mark(TestCluster cluster, string line)
    {
        foreach (var host in cluster.Hosts) host.Note(line);
    }

    /// <summary>Writes <paramref name="line"/> and <paramref name="host"/>'s recent membership log to the test output and to <c>MATCHING_RECOVERY_REPORT</c>.</summary>
    public static async Task ReportAsync(string line, HostProcess host, CancellationToken cancellationToken)
    {
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine(line);
        var membership = host.Output
            .Where(l => l.Contains("MembershipService", StringComparison.Ordinal)).TakeLast(12)
            .Select(l => "  " + (l.Length > 600 ? l[..600] : l)).ToList();
        foreach (var detail in membership) output?.WriteLine(detail);
        if (Environment.GetEnvironmentVariable("MATCHING_RECOVERY_REPORT") is not { Length: > 0 } report) return;
        await File.AppendAllTextAsync(report, line + Environment.NewLine, cancellationToken);
        if (Environment.GetEnvironmentVariable("MATCHING_RECOVERY_DETAIL") == "1")
            await File.AppendAllLinesAsync(report, membership, cancellationToken);
    }
}
