using System.Reflection;
using System.Text.RegularExpressions;
using Matching.Live.Wire;
using Matching.Testing;

namespace Matching.Web.Tests;

/// <summary>
/// The workbench's live-hub constants (<c>src/Matching.Web/src/liveWire.ts</c>) are the ones of
/// <see cref="LiveHubProtocol"/>, which the host and the .NET client use: one contract, checked here
/// because TypeScript cannot import it.
/// </summary>
public sealed partial class LiveWireTests
{
    private static readonly string WireFile = Path.Combine(SourceTree.Root, "src", "Matching.Web", "src", "liveWire.ts");

    [Fact]
    public void The_workbench_has_every_hub_constant_of_the_wire_project_with_the_same_value()
    {
        var workbench = TypeScriptConstants(File.ReadAllText(WireFile));
        var wire = typeof(LiveHubProtocol).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => char.ToLowerInvariant(f.Name[0]) + f.Name[1..], f => Convert.ToString(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)!);

        Assert.True(wire.Count >= 7, "LiveHubProtocol lost its constants?");
        var differences = wire.Keys.Union(workbench.Keys)
            .Where(key => !(wire.TryGetValue(key, out var a) && workbench.TryGetValue(key, out var b) && a == b))
            .Select(key => $"{key}: C# {wire.GetValueOrDefault(key) ?? "(none)"}, liveWire.ts {workbench.GetValueOrDefault(key) ?? "(none)"}")
            .ToArray();
        Assert.True(differences.Length == 0, "src/Matching.Web/src/liveWire.ts differs from LiveHubProtocol:\n" + string.Join('\n', differences));
    }

    [Fact]
    public void The_workbench_calls_the_hub_through_the_constants_only()
    {
        // A literal hub path or method name elsewhere in the workbench would drift from the contract unseen.
        var sources = Directory.EnumerateFiles(Path.Combine(SourceTree.Root, "src", "Matching.Web", "src"), "*.ts*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "liveWire.ts");
        string[] methods = [LiveHubProtocol.Event, LiveHubProtocol.Streams, LiveHubProtocol.Resume, LiveHubProtocol.Watch, LiveHubProtocol.Unwatch];
        var hubCall = new Regex(@"\.(?:invoke|send|stream|on)(?:<[^>]*>)?\(\s*'(?:" + string.Join('|', methods.Select(Regex.Escape)) + ")'");
        var offenders = sources
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains($"'{LiveHubProtocol.Path}'") || hubCall.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToArray();
        Assert.True(offenders.Length == 0, "use LIVE_HUB from liveWire.ts:\n" + string.Join('\n', offenders));
    }

    /// <summary>The members of <c>export const LIVE_HUB = { name: 'text' | number, … }</c>.</summary>
    private static Dictionary<string, string> TypeScriptConstants(string source)
    {
        var body = LiveHubObject().Match(source);
        Assert.True(body.Success, $"{WireFile} has no `export const LIVE_HUB = {{ … }}`");
        return Member().Matches(body.Groups["body"].Value)
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["text"].Success ? m.Groups["text"].Value : m.Groups["number"].Value);
    }

    [GeneratedRegex(@"export\s+const\s+LIVE_HUB\s*=\s*\{(?<body>[^}]*)\}")]
    private static partial Regex LiveHubObject();

    [GeneratedRegex(@"(?<name>\w+)\s*:\s*(?:'(?<text>[^']*)'|(?<number>\d+))")]
    private static partial Regex Member();
}
