using System.Diagnostics.Metrics;

namespace Matching.Grains.Live;

/// <summary>Instruments of the live-update path, under the <c>Matching</c> meter name the host exports.</summary>
public static class LiveMetrics
{
    public const string MeterName = "Matching";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Time from an append being stored to every host having it (ms).</summary>
    public static readonly Histogram<double> FanOut =
        Meter.CreateHistogram<double>("matching.live.fanout.duration", unit: "ms", description: "Stored event to every host (one append, all hosts)");

    /// <summary>Events appended, by type.</summary>
    public static readonly Counter<long> Appended = Meter.CreateCounter<long>("matching.live.events", description: "Live events appended");
}
