using Matching.Domain.Projects;

namespace Matching.Contracts;

/// <summary>Which page of a project's history to read.</summary>
/// <param name="After">Entries after this sequence in the reading order (before it when newest first); null from the start.</param>
/// <param name="Take">Most entries returned.</param>
/// <param name="NewestFirst">Newest first instead of oldest first.</param>
[GenerateSerializer, Immutable, Alias("Matching.HistoryQuery")]
public sealed record HistoryQuery(
    [property: Id(0)] long? After = null,
    [property: Id(1)] int Take = 50,
    [property: Id(2)] bool NewestFirst = false);

/// <summary>A page of a project's history and its length.</summary>
[GenerateSerializer, Immutable, Alias("Matching.HistoryPage")]
public sealed record HistoryPage(
    [property: Id(0)] IReadOnlyList<ProjectEvent> Entries,
    [property: Id(1)] long Total);
