using System.Text.Json;

namespace Matching.Client;

/// <summary>
/// One live event as it travels over the hub (<c>event</c>) and in <c>Resume</c> pages. Sequences are
/// per stream, start at 1 and have no gaps.
/// </summary>
/// <param name="Stream">The recipient stream (<c>county:370112</c>, <c>officer:{user}</c>, <c>coordinators</c>).</param>
/// <param name="Sequence">Position in the stream.</param>
/// <param name="Id">The fact's id; the same fact has the same id in every stream it is sent to.</param>
/// <param name="Type">Event type, e.g. <c>projectPublished</c>.</param>
/// <param name="Version">Payload version of the type.</param>
/// <param name="At">When it happened.</param>
/// <param name="ProjectId">The project concerned, if any.</param>
/// <param name="Payload">The payload object.</param>
public sealed record LiveMessage(string Stream, long Sequence, string Id, string Type, int Version, DateTimeOffset At, Guid? ProjectId, JsonElement Payload);

/// <summary>A page of a stream: the events after a position, and whether more follow.</summary>
public sealed record LivePage(IReadOnlyList<LiveMessage> Events, bool More);

/// <summary>A stream of the connection and its last sequence.</summary>
public sealed record StreamHead(string Stream, long LastSequence);

/// <summary>Hub method names: the contract between server and clients.</summary>
public static class LiveHubProtocol
{
    /// <summary>The hub's path on the host.</summary>
    public const string Path = "/hubs/matching";

    /// <summary>Server → client: one event.</summary>
    public const string Event = "event";

    /// <summary>Client → server: the connection's streams and their heads.</summary>
    public const string Streams = "Streams";

    /// <summary>Client → server: events of a stream after a sequence.</summary>
    public const string Resume = "Resume";

    /// <summary>Client → server: watch a project's public events (returns the stream's head).</summary>
    public const string Watch = "Watch";

    /// <summary>Client → server: stop watching a project.</summary>
    public const string Unwatch = "Unwatch";
}
