using System.Text.Json;
using Matching.Contracts;
using Matching.Contracts.Live;
using Matching.Domain;

namespace Matching.Grains.Live;

/// <summary>Tells a county that one of its quotas changed.</summary>
internal static class QuotaEvents
{
    public static QuotaFigures Figures(QuotaView view) => new(view.Capacity, view.Reserved, view.Available);

    /// <summary>
    /// Appends <c>quotaChanged</c> (about the project that reserved or released) to the county's stream. The change is already stored; if the event
    /// cannot be appended the county reads its quota on its next visit, so this does not fail the command.
    /// </summary>
    public static async Task Send(IGrainFactory grains, string county, Guid project, QuotaChangedPayload payload)
    {
        try
        {
            var stream = LiveStreams.County(county);
            await grains.GetGrain<IEventStreamGrain>(stream).Append([new LiveEventDraft(stream, Guid.NewGuid().ToString("N"),
                LiveEventTypes.QuotaChanged, 1, DateTimeOffset.UtcNow, project, JsonSerializer.Serialize(payload, MatchingJson.Options))]).WaitAsync(TimeSpan.FromSeconds(3));
        }
        catch (Exception)
        {
            // Best effort by design (see summary).
        }
    }
}
