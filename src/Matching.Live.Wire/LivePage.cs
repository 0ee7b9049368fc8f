namespace Matching.Live.Wire;

/// <summary>A page of a stream: the events after a position, oldest first, and whether more follow.</summary>
public sealed record LivePage(IReadOnlyList<LiveMessage> Events, bool More);
