using Matching.Testing;
using System.Globalization;

namespace Matching.Cluster.Tests;

/// <summary>One trial's recovery: how long after the fault every probed grain answered through the survivor.</summary>
public sealed record Recovery(int Number, string Fault, TimeSpan At, int Affected, int Probed, int AcknowledgedBids, int BusyProcesses)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"trial {Number} ({Fault}): every project and county answered again {At.TotalSeconds:F1} s after the fault; {Affected}/{Probed} did not answer at first; {AcknowledgedBids} bids acknowledged, each stored once; {BusyProcesses} busy processes on {Environment.ProcessorCount} cores");

    /// <summary>Prints min, median and max, and asserts that every trial recovered within <paramref name="limit"/>.</summary>
    public static void AssertWithin(IReadOnlyList<Recovery> results, TimeSpan limit)
    {
        var seconds = results.Select(r => r.At.TotalSeconds).Order().ToArray();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"recovery over {seconds.Length} trials: min {seconds[0]:F1} s, median {seconds[seconds.Length / 2]:F1} s, max {seconds[^1]:F1} s"));
        Assert.All(results, r => Assert.True(r.At <= limit, $"trial {r.Number}: grains answered again only after {r.At.TotalSeconds:F1} s"));
    }
}
