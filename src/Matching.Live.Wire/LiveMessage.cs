using System.Text.Json;

namespace Matching.Live.Wire;

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
