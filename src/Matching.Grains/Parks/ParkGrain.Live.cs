using System.Text.Json;
using Matching.Contracts.Live;
using Matching.Domain;
using Matching.Domain.Parks;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Parks;

/// <summary>
/// Tells the coordinators a park's chemical-park flag changed, so their open pages re-read it: the event is written with the change
/// (<see cref="ParkState.ChangeOwed"/>), sent right after, and again by a timer or on the next activation until the stream has it.
/// </summary>
public sealed partial class ParkGrain
{
    private static readonly TimeSpan ChangeTimeout = TimeSpan.FromSeconds(5), ChangeRetry = TimeSpan.FromSeconds(5);
    private IGrainTimer? _changeRetry;

    private static LiveEventDraft ParkChange(Park park) => new(
        LiveStreams.Coordinators, $"park/{park.Id}/{park.Version}", LiveEventTypes.ParkChanged, 1, park.UpdatedAt, null,
        JsonSerializer.Serialize(new ParkChangedPayload(park.Id, park.Reference.CountyAdcode, park.Version, park.UpdatedBy), MatchingJson.Options));

    /// <summary>Sends the owed events; dropped in memory once stored (the stream skips ids it holds, so twice is harmless).</summary>
    private async Task SendChangeOwed()
    {
        var owed = state.State.ChangeOwed;
        if (owed.Count == 0) return;
        try
        {
            await GrainFactory.GetGrain<IEventStreamGrain>(LiveStreams.Coordinators).Append(owed).WaitAsync(ChangeTimeout);
            if (ReferenceEquals(state.State.ChangeOwed, owed)) state.State.ChangeOwed = [];
        }
        catch (Exception e)
        {
            LogChangeOwed(e, this.GetPrimaryKeyString());
            _changeRetry ??= this.RegisterGrainTimer(async _ =>
            {
                await SendChangeOwed();
                if (state.State.ChangeOwed.Count == 0 && _changeRetry is { } timer)
                {
                    _changeRetry = null;
                    timer.Dispose();
                }
            }, new GrainTimerCreationOptions(ChangeRetry, ChangeRetry) { Interleave = false });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Park {Park} was saved but its parkChanged event is not stored yet (sent again)")]
    private partial void LogChangeOwed(Exception error, string park);
}
