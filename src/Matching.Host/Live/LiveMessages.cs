using System.Text.Json;
using Matching.Contracts.Live;
using Matching.Live.Wire;

namespace Matching.Host.Live;

/// <summary>Stored live events in their wire shape.</summary>
public static class LiveMessages
{
    /// <summary>The wire shape of an event: the payload as a JSON object rather than a string.</summary>
    public static LiveMessage ToMessage(this LiveEvent e)
    {
        using var payload = JsonDocument.Parse(e.Payload);
        return new LiveMessage(e.Stream, e.Sequence, e.Id, e.Type, e.Version, e.At, e.ProjectId, payload.RootElement.Clone());
    }
}
