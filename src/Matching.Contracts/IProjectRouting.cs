using Matching.Domain.Escalation;

namespace Matching.Contracts;

/// <summary>
/// A project's contest routing (市级统筹 and escalation to the province). Implemented by the project
/// grain beside <see cref="IProjectGrain"/>, under the same key.
/// </summary>
[Alias("Matching.IProjectRouting")]
public interface IProjectRouting : IGrainWithGuidKey
{
    /// <summary>Who decides the project's contest now, and by which rule; null when it is not contested.</summary>
    [Alias("GetRoute"), ReadOnly]
    Task<ContestRoute?> GetRoute();

    /// <summary>A provincial coordinator takes the contest over (recorded in the history with the takeover rule, sent live).</summary>
    [Alias("TakeOver")]
    Task<CommandResult<ContestRoute>> TakeOver(string coordinator, string reason);
}
