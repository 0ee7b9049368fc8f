using Matching.Contracts;
using Matching.Domain.Projects;
using Matching.Grains.Projects;

namespace Matching.Grains.Reports;

/// <summary>
/// When a stored project change moves its agreement's ledger credits: a confirmed stage report realises
/// amounts (资金到位, 达产) that the credits are computed from, read from the history rows, so the
/// recount follows the history's write (<see cref="ProjectProjections"/>).
/// </summary>
internal static class AgreementRecounts
{
    /// <summary>
    /// After the change's row projections: recounts the project's credits when the change confirmed a
    /// landing report and its history rows are written. A failed recount leaves the history owed, so the
    /// grain's retry appends it again (a no-op) and recounts.
    /// </summary>
    public static async Task<(Unprojected Left, Exception? Error)> FollowAsync(IGrainFactory grains, Guid project, Unprojected owed, Unprojected left, Exception? error)
    {
        if (left.History.Count > 0 || !owed.History.Any(e => e.Kind == ProjectEventKind.LandingConfirmed)) return (left, error);
        try
        {
            // One at a time per project, in its grain.
            await grains.GetGrain<IAgreementCreditsGrain>(project).Recount();
            return (left, error);
        }
        catch (Exception e)
        {
            return (left with { History = owed.History }, error ?? e);
        }
    }
}
