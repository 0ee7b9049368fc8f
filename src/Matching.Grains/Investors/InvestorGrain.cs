using Matching.Contracts;
using Matching.Grains.Persistence;

namespace Matching.Grains.Investors;

/// <summary>Stored state of an investor.</summary>
public sealed class InvestorState
{
    /// <summary>The county that registered first contact first.</summary>
    public string? FirstContactHolder { get; set; }

    public Dictionary<Guid, InvestorProject> Projects { get; set; } = [];

    public Dictionary<Guid, List<string>> OperatingByProject { get; set; } = [];
}

/// <inheritdoc cref="IInvestorGrain" />
public sealed class InvestorGrain(
    [PersistentState("investor", MatchingStorage.Name)] IPersistentState<InvestorState> state) : Grain, IInvestorGrain
{
    private static readonly string[] Live = ["draft", "open", "contested"];

    public async Task<InvestorFindings> Register(InvestorProject project)
    {
        var s = state.State;
        var changed = !s.Projects.TryGetValue(project.ProjectId, out var known) || known != project;
        s.Projects[project.ProjectId] = project;
        if (s.FirstContactHolder is null && project.FirstContactCounty is not null)
        {
            s.FirstContactHolder = project.FirstContactCounty;
            changed = true;
        }

        if (changed) await state.WriteStateAsync();
        var duplicates = s.Projects.Values
            .Where(p => p.ProjectId != project.ProjectId && p.IndustryCode == project.IndustryCode && Live.Contains(p.Status))
            .Select(p => p.ProjectId)
            .Order()
            .ToArray();
        return new InvestorFindings(s.FirstContactHolder, duplicates);
    }

    public async Task Track(Guid projectId, string status, IReadOnlyList<string> operatingCounties)
    {
        var s = state.State;
        if (!s.Projects.TryGetValue(projectId, out var project)) return;
        // Every save of a project tracks it; most saves (a bid, an edit) change nothing here.
        var held = s.OperatingByProject.TryGetValue(projectId, out var counties) ? counties : [];
        if (project.Status == status && held.SequenceEqual(operatingCounties)) return;
        s.Projects[projectId] = project with { Status = status };
        if (operatingCounties.Count > 0) s.OperatingByProject[projectId] = [.. operatingCounties];
        else s.OperatingByProject.Remove(projectId);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> OperatingCounties() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.OperatingByProject.Values.SelectMany(c => c).Distinct().Order(StringComparer.Ordinal)]);
}
