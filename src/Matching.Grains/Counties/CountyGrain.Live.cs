using System.Text.Json;
using Matching.Contracts.Live;
using Matching.Domain;
using Matching.Domain.Counties;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Counties;

/// <summary>Tells the coordinators and the county that the county changed, so their open pages re-read it.</summary>
public sealed partial class CountyGrain
{
    /// <summary>
    /// Appends <c>countyChanged</c> to the coordinators' and the county's streams once the change is stored. Best effort: a
    /// page that misses it shows the change on its next read, and nothing is decided on the event.
    /// </summary>
    private async Task AnnounceChange(County county)
    {
        var payload = JsonSerializer.Serialize(new CountyChangedPayload(county.Adcode, county.Version, county.UpdatedBy), MatchingJson.Options);
        try
        {
            foreach (var stream in new[] { LiveStreams.Coordinators, LiveStreams.County(county.Adcode) })
                await GrainFactory.GetGrain<IEventStreamGrain>(stream)
                    .Append([new LiveEventDraft(stream, $"county/{county.Adcode}/{county.Version}", LiveEventTypes.CountyChanged, 1, county.UpdatedAt, null, payload)])
                    .WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e)
        {
            LogAnnounceFailed(e, county.Adcode);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "County {Adcode} was saved but its countyChanged event was not sent")]
    private partial void LogAnnounceFailed(Exception error, string adcode);
}
