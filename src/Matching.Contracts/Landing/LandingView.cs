using Matching.Domain.Landing;
using Matching.Domain.Projects;

namespace Matching.Contracts.Landing;

/// <summary>A project's landing as its grain answers it: who lands it, where each stage stands and the clock running.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Status">The project's status.</param>
/// <param name="Version">The project's version.</param>
/// <param name="County">The landing county (the awarded county, or a co-build's lead), or null before an award or co-build.</param>
/// <param name="Partners">A co-build's other counties (they may view, not report).</param>
/// <param name="DecidedAt">When the award or co-build was decided (the 签约 clock starts there).</param>
/// <param name="Progress">Each stage's latest report and last confirmed figures.</param>
/// <param name="Clock">The stage clock running now, or null.</param>
[GenerateSerializer, Immutable, Alias("Matching.LandingView")]
public sealed record LandingView(
    [property: Id(0)] Guid ProjectId,
    [property: Id(1)] ProjectStatus Status,
    [property: Id(2)] long Version,
    [property: Id(3)] string? County,
    [property: Id(4)] IReadOnlyList<string> Partners,
    [property: Id(5)] DateTimeOffset? DecidedAt,
    [property: Id(6)] LandingProgress Progress,
    [property: Id(7)] LandingClock? Clock);
