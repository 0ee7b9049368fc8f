using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Matching.Benchmarks;

/// <summary>
/// <c>driver --match-profile-ab &lt;baseline Matching.Benchmarks.dll&gt; [--rounds N]</c>: the match profile (<see cref="MatchProfile"/>,
/// <c>--quick</c>) of a baseline build and of this one, each in a fresh process, alternating round by round in one run, so
/// that both see the same machine. Prints, per round and build, the bytes per match (the 20 shown explained, and the whole
/// match), gen0 collections per 1,000 matches, and the p99 of the timed samples and of each project's fastest of 9 runs.
/// </summary>
internal static partial class MatchProfileAb
{
    public static async Task RunAsync(string baseline, int rounds)
    {
        var self = typeof(MatchProfileAb).Assembly.Location;
        Console.WriteLine($"Load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| round | build | explaining the 20 shown: bytes per match | gen0 per 1,000 | whole match: bytes per match | gen0 per 1,000 | p99 of 500 matches | p99 of each project's fastest of 9 |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, dll) in new[] { ("baseline", baseline), ("this build", self) })
            {
                var output = await ProfileAsync(dll);
                string Stage(string stage, int column) =>
                    output.Split('\n').FirstOrDefault(l => l.StartsWith($"| {stage}", StringComparison.Ordinal))?.Split('|', StringSplitOptions.TrimEntries)[column] ?? "?";
                string Gen0(string stage) => Stage(stage, 4).Split('/')[0].Trim();
                var p99 = P99Line().Match(output) is { Success: true } m ? m.Groups[1].Value + " ms" : "?";
                var fastest = FastestLine().Match(output) is { Success: true } f ? f.Groups[1].Value + " ms" : "?";
                Console.WriteLine($"| {round} | {name} | {Stage("Assess with reasons", 2)} | {Gen0("Assess with reasons")} | {Stage("whole match", 2)} | {Gen0("whole match")} | {p99} | {fastest} |");
            }
        }

        Console.WriteLine($"Load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static async Task<string> ProfileAsync(string dll)
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", [dll, "driver", "--match-profile", "--quick"])
        {
            RedirectStandardOutput = true,
            WorkingDirectory = Environment.CurrentDirectory,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{dll} exited with {process.ExitCode}:\n{output}");
        return output;
    }

    [GeneratedRegex(@"^p99: all ([\d.]+) ms", RegexOptions.Multiline)]
    private static partial Regex P99Line();

    [GeneratedRegex(@"^Fastest of 9 runs.*?p99 ([\d.]+) ms", RegexOptions.Multiline)]
    private static partial Regex FastestLine();
}
