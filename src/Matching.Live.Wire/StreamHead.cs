namespace Matching.Live.Wire;

/// <summary>A stream of the connection and its last sequence.</summary>
public sealed record StreamHead(string Stream, long LastSequence);
