using Matching.Contracts;
using Matching.Domain.Projects;

namespace Matching.Grains.Projects;

/// <summary>
/// Restoring a withdrawn project. What it comes back with: its details and history; Draft when it was
/// never published, else Open (matched again, so fitting counties hear of it as published). What it
/// does not: the bids placed before the withdrawal (the withdrawal told everyone they were void; the
/// counties bid again, and their new bids are hidden as a new round is), and any award or co-build (the
/// land and energy were released on withdrawal and stay released; a coordinator decides again).
/// </summary>
public sealed partial class ProjectGrain
{
    public async Task<CommandResult<Project>> Restore(string actor, string? reason, long? expectedVersion)
    {
        if (string.IsNullOrWhiteSpace(reason))
            return CommandResult<Project>.Invalid(new Dictionary<string, string[]> { ["reason"] = ["请填写恢复原因。"] });
        if (reason.Length > 500)
            return CommandResult<Project>.Invalid(new Dictionary<string, string[]> { ["reason"] = ["恢复原因不能超过 500 个字符。"] });

        var bids = state.State.Bids;
        var voided = bids.Count;
        var note = voided == 0 ? reason.Trim() : $"{reason.Trim()}（撤回前的 {voided} 个意向不再有效，县区可重新表达意向）";
        CommandResult<Project> result;
        try
        {
            result = await Change(expectedVersion, project =>
            {
                var next = project.Apply(ProjectTrigger.Restore, actor, time.GetUtcNow(), note);
                state.State.Bids = [];
                return next;
            });
        }
        catch
        {
            state.State.Bids = bids;
            throw;
        }

        // A rejected restore changed nothing: the bids stand as they were.
        if (!result.IsOk) state.State.Bids = bids;
        return result;
    }
}
