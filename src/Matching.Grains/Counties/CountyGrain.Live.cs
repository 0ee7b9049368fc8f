using System.Text.Json;
using Matching.Contracts.Live;
using Matching.Domain;
using Matching.Domain.Counties;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Counties;

/// <summary>
/// Tells the coordinators and the county that the county changed, so their open pages re-read it. The events are a transactional
/// outbox as the project grain's (<c>ProjectState.Outbox</c>): written with the change (<see cref="CountyState.ChangeOwed"/>),
/// sent right after it, and sent again by a timer or on the next activation until the streams have them.
/// </summary>
public sealed partial class CountyGrain
{
    /// <summary>How long a change waits for its events, and how often what is left is sent again.</summary>
    private static readonly TimeSpan AnnounceTimeout = TimeSpan.FromSeconds(5), AnnounceRetry = TimeSpan.FromSeconds(5);

    private IGrainTimer? _announceRetry;

    /// <summary>The <c>countyChanged</c> events of <paramref name="county"/> (stored with the change that makes it, as owed).</summary>
    private static List<LiveEventDraft> ChangeEvents(County county)
    {
        var payload = JsonSerializer.Serialize(new CountyChangedPayload(county.Adcode, county.Version, county.UpdatedBy), MatchingJson.Options);
        return [.. new[] { LiveStreams.Coordinators, LiveStreams.County(county.Adcode) }.Select(stream =>
            new LiveEventDraft(stream, $"county/{county.Adcode}/{county.Version}", LiveEventTypes.CountyChanged, 1, county.UpdatedAt, null, payload))];
    }

    /// <summary>The events owed with <paramref name="county"/>'s change added: the caller stores them in the change's own write.</summary>
    private List<LiveEventDraft> OwingChange(County county) => [.. state.State.ChangeOwed, .. ChangeEvents(county)];

    /// <summary>
    /// Sends the owed <c>countyChanged</c> events (their change is stored already). On success they are dropped in memory (and in
    /// storage with the next write; sending them twice is harmless, the streams skip ids they hold); on failure a timer sends them again.
    /// </summary>
    private async Task SendChangeOwed()
    {
        var owed = state.State.ChangeOwed;
        if (owed.Count == 0) return;
        try
        {
            await Task.WhenAll(owed.GroupBy(e => e.Stream).Select(stream =>
                GrainFactory.GetGrain<IEventStreamGrain>(stream.Key).Append([.. stream]))).WaitAsync(AnnounceTimeout);
            if (ReferenceEquals(state.State.ChangeOwed, owed)) state.State.ChangeOwed = [];
        }
        catch (Exception e)
        {
            LogAnnounceFailed(e, this.GetPrimaryKeyString());
            _announceRetry ??= this.RegisterGrainTimer(RetryAnnounce, new GrainTimerCreationOptions(AnnounceRetry, AnnounceRetry) { Interleave = false });
        }
    }

    private async Task RetryAnnounce(CancellationToken cancellationToken)
    {
        await SendChangeOwed();
        if (state.State.ChangeOwed.Count == 0 && _announceRetry is { } timer)
        {
            _announceRetry = null;
            timer.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "County {Adcode} was saved but its countyChanged events are not stored yet (sent again)")]
    private partial void LogAnnounceFailed(Exception error, string adcode);
}
