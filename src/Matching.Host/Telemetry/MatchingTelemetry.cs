using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Matching.Host.Telemetry;

/// <summary>
/// The platform's own traces and metrics, under the name <c>Matching</c> (exported with ASP.NET Core's
/// and Orleans' when OpenTelemetry is configured; see <see cref="TelemetryHosting"/>). Instruments are
/// static so that any code of the host can record without injection; with no listener they cost nothing.
/// </summary>
public static class MatchingTelemetry
{
    /// <summary>The ActivitySource and Meter name.</summary>
    public const string Name = "Matching";

    /// <summary>Spans of the platform's own work (e.g. a bid, a decision, an event fan-out).</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>The platform's meter.</summary>
    public static readonly Meter Meter = new(Name);

    /// <summary>Bids placed (<c>matching.bids</c>); tag with <c>outcome</c> (placed, replayed, rejected) and <c>county</c>.</summary>
    public static readonly Counter<long> Bids =
        Meter.CreateCounter<long>("matching.bids", unit: "{bid}", description: "Bids placed by counties");

    /// <summary>Coordinator decisions (<c>matching.decisions</c>); tag with <c>kind</c> (award, cobuild, refer, reopen, reject) and <c>outcome</c>.</summary>
    public static readonly Counter<long> Decisions =
        Meter.CreateCounter<long>("matching.decisions", unit: "{decision}", description: "Coordinator decisions on contested projects");

    // The live-update instruments (matching.live.fanout.duration, matching.live.events) are recorded by
    // the event-stream grains, under a meter of the same name (Matching.Grains.Live.LiveMetrics).
}
