using Matching.Domain.Cockpit;

namespace Matching.Grains.Projects;

/// <summary>What a project's search document says of its settlement: the decision in force, what it holds, its landing under that decision.</summary>
internal static class ProjectSettlements
{
    /// <summary>The settlement of the stored project, or null when it is not settled.</summary>
    public static Settlement? Of(ProjectState state)
    {
        if (state.Project is not { } project || state.LastDecision is not { } decision) return null;
        var d = project.Details;
        // What the saga holds; a decision recorded without a holding (none was needed) reserved the project's own needs.
        var (land, energy) = state.Held is { } held ? (held.LandMu, held.EnergyByCounty.Values.Sum()) : (d.LandMu, d.EnergyTce);
        var progress = state.Landing is { } row && row.DecidedAt == decision.DecidedAt ? row.Progress : null;
        return Settlement.Of(project.Status, decision, d.Investment, land, energy, progress);
    }
}
