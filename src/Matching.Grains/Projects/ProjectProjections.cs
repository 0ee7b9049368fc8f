using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Domain.Projects;
using Matching.Engine;
using Matching.Grains.Inboxes;
using Matching.Grains.Investors;
using Matching.Grains.Registry;
using Matching.Search;

namespace Matching.Grains.Projects;

/// <summary>
/// Applies what a stored project change owes its projections: the history and decision rows, the
/// lists it joins, idempotency keys, county inboxes, the investor index and the search document.
/// Every step is idempotent; a step that fails is left owed, to be applied again by the grain's retry or
/// on its next activation. The row projections are one step, stored in one row-store transaction (a
/// bid owed two or three collections, and committing each on its own made it wait for two or three
/// commits in a row).
/// </summary>
public sealed class ProjectProjections(IRowStore rows, ISearchEngine search, Province province, IGrainFactory grains)
{
    /// <summary>
    /// Applies <paramref name="owed"/> for the project as stored. Returns what is still owed (empty when
    /// all went through) and the first failure; a failed step does not stop the independent ones after it.
    /// <paramref name="rowsStored"/>: the rows <paramref name="owed"/> asks for were committed with the state
    /// write (<see cref="OwedWithState"/>), so only the other steps run.
    /// </summary>
    public async Task<(Unprojected Left, Exception? Error)> ApplyAsync(ProjectState state, Unprojected owed, bool rowsStored = false)
    {
        var project = state.Project!;
        var left = owed;
        Exception? error = null;
        async Task Step(Func<Task> apply, Func<Unprojected, Unprojected> done)
        {
            try
            {
                await apply();
                left = done(left);
            }
            catch (Exception e)
            {
                error ??= e;
            }
        }

        // The rows and the search document are independent views: written at the same time. Each step
        // marks only its own part done (both run on the grain's one thread, one after the other at each await).
        var batches = rowsStored ? [] : RowWrites(state, owed);
        if (rowsStored) left = RowsDone(left);
        var rowsWritten = batches.Count == 0
            ? Task.CompletedTask
            : Step(() => rows.WriteAsync(batches), RowsDone);
        var indexed = !owed.Index
            ? Task.CompletedTask
            : Step(() => search.IndexProjectsAsync([ProjectDocuments.From(project, [.. state.Interests.Keys.Order(StringComparer.Ordinal)], province.Industries, HostCounties(state), ProjectSettlements.Of(state), ProjectContests.Of(state), ProjectListings.HostOf(state))]),
                u => u with { Index = false });
        await Task.WhenAll(rowsWritten, indexed);
        (left, error) = await Reports.AgreementRecounts.FollowAsync(grains, project.Id, owed, left, error);
        (left, error) = await Reports.CountyYearSettlements.FollowAsync(rows, state, owed, left, error);
        return (left, error);
    }

    /// <summary>What is left owed once the rows are written.</summary>
    private static Unprojected RowsDone(Unprojected owed) =>
        owed with { History = [], BidKeys = [], Lists = [], Inbox = new Dictionary<string, double?>(), InboxStatus = false, Investor = false };

    /// <summary>Every row the change owes (history and decisions, keys, lists, inboxes, the investor index), by collection.</summary>
    internal static List<RowBatch> RowWrites(ProjectState state, Unprojected owed)
    {
        var project = state.Project!;
        var batches = new List<RowBatch>();
        // The history first: it is the record; the others are views of it.
        if (owed.History.Count > 0) batches.AddRange(ProjectHistory.Writes(project.Id, owed.History));
        if (owed.BidKeys.Count > 0) batches.Add(new RowBatch(BidKeys.Collection, [.. owed.BidKeys.Select(k => BidKeys.Put(project.Id, k, k.Placed.PlacedAt))]));
        if (owed.Lists.Count > 0) batches.Add(new RowBatch(ProjectLists.Collection, [.. owed.Lists.Select(l => ProjectLists.Add(l, project.Id, project.UpdatedAt))]));
        if (owed.Inbox.Count > 0 || owed.InboxStatus)
        {
            // Every row carries the project's status as stored now, so a replay (or a later change applied
            // first) leaves each row with the current one.
            var at = project.UpdatedAt;
            var restatused = owed.InboxStatus ? state.Interests.Keys.Where(c => !owed.Inbox.ContainsKey(c)) : [];
            batches.Add(new RowBatch(CountyInbox.Collection,
            [
                .. owed.Inbox.Select(i => i.Value is { } score
                    ? CountyInbox.Put(i.Key, new InboxEntry(project.Id, score, at), project.Status)
                    : CountyInbox.Remove(i.Key, project.Id)),
                .. restatused.Select(c => CountyInbox.Status(c, project.Id, project.Status)),
            ]));
        }

        if (Reports.CountyYearTallies.Writes(state, owed) is { } tallies) batches.Add(tallies);
        if (owed.Investor) batches.Add(new RowBatch(InvestorIndex.Collection, InvestorIndex.Put(project, HostCounties(state))));
        return batches;
    }

    /// <summary>
    /// The counties the decision in force placed the project in (awarded, or every co-building county);
    /// where the investor operates because of it, and where the province map shows it.
    /// </summary>
    internal static IReadOnlyList<string> HostCounties(ProjectState state) =>
        state.Project!.Status is ProjectStatus.Awarded or ProjectStatus.CoBuilt or ProjectStatus.Landed && state.LastDecision is { } last
            ? last.Terms.Kind == DecisionKind.CoBuild
                ? [last.Terms.County!, .. last.Terms.Shares.Select(s => s.County).Where(c => c != last.Terms.County)]
                : [last.Terms.County!]
            : [];
}
