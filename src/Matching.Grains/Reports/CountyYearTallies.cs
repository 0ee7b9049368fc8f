using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Grains.Inboxes;
using Matching.Grains.Persistence;
using Matching.Grains.Projects;
using Matching.Grains.Registry;

namespace Matching.Grains.Reports;

/// <summary>
/// Per county and calendar year (China time): how many projects reached its inbox and how many it bid
/// on, the yearly report's first two figures. Each is a mark per (county, project) appended with the
/// project's inbox or bid-list row, in the same row-store transaction, and counted by the store's tally
/// when the mark is inserted, so a replayed projection counts nothing again and the report reads one
/// keyed tally per county, however many projects are behind it. A project counts once per county, in the
/// year it first reached the inbox (or was first bid on); inbox rows go when a project is decided, marks stay.
/// </summary>
public sealed class CountyYearTallies(IRowStore rows)
{
    internal const string Collection = "county-year";

    /// <summary>Projects pushed to the county's inbox.</summary>
    public const string Fit = "fit";

    /// <summary>Projects the county bid on.</summary>
    public const string Bids = "bids";

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The calendar year (China time) an instant falls in.</summary>
    public static int YearOf(DateTimeOffset at) => at.ToOffset(China).Year;

    /// <summary>The tally of one figure of a county's year.</summary>
    public static string TallyOf(string figure, string county, int year) => $"{figure}|{year:D4}|{county}";

    /// <summary>The mark counting a project once in a county's figure, in the year of <paramref name="at"/>.</summary>
    public static RowWrite Mark(string figure, string county, Guid project, DateTimeOffset at) =>
        RowWrite.Counted(county, $"{figure}|{RowBodies.Id(project)}", $"{figure}|{RowBodies.Number(at.UtcTicks)}", "{}", TallyOf(figure, county, YearOf(at)));

    /// <summary>The marks a stored change owes with its inbox and bid-list rows (null when none).</summary>
    internal static RowBatch? Writes(ProjectState state, Unprojected owed)
    {
        var project = state.Project!;
        var bidLists = ProjectLists.BidOnBy("");
        var marks = owed.Inbox.Where(i => i.Value is not null).Select(i => Mark(Fit, i.Key, project.Id, project.UpdatedAt))
            .Concat(owed.Lists.Where(l => l.StartsWith(bidLists, StringComparison.Ordinal)).Select(l => Mark(Bids, l[bidLists.Length..], project.Id, project.UpdatedAt)))
            // In tally order: two hosts counting the same counties take the tallies' row locks in one order.
            .OrderBy(m => m.Tally, StringComparer.Ordinal).ToList();
        return marks.Count == 0 ? null : new RowBatch(Collection, marks);
    }

    /// <summary>The counties' figures of the year: (fit, bids) per county.</summary>
    public async Task<IReadOnlyDictionary<string, (long Fit, long Bids)>> ReadAsync(IReadOnlyList<string> counties, int year, CancellationToken cancellationToken = default)
    {
        var tallies = await rows.TalliesAsync(Collection, [.. counties.SelectMany(c => new[] { TallyOf(Fit, c, year), TallyOf(Bids, c, year) })], cancellationToken);
        return counties.Distinct(StringComparer.Ordinal).ToDictionary(c => c, c => (tallies[TallyOf(Fit, c, year)], tallies[TallyOf(Bids, c, year)]), StringComparer.Ordinal);
    }

    private const string Backfill = "_backfill", BackfillVersion = "v1";

    /// <summary>
    /// Marks what a store written before the tallies holds (the counties' inbox rows and bid lists), once:
    /// read in keyset pages of <paramref name="pageSize"/>, each page's marks one transaction. Idempotent
    /// (a mark that exists counts nothing), so an interrupted run is simply run again; a finished one
    /// leaves a row that makes later calls return at once. Returns how many rows this call marked (marks already there included).
    /// </summary>
    public async Task<long> BackfillAsync(IReadOnlyList<string> counties, int pageSize = 1_000, CancellationToken cancellationToken = default)
    {
        if (await rows.GetAsync(Collection, Backfill, BackfillVersion, cancellationToken) is not null) return 0;
        long written = 0;
        foreach (var county in counties)
        {
            written += await MarkAllAsync(CountyInbox.Collection, county, pageSize, row =>
                Mark(Fit, county, Guid.ParseExact(row.Key, "N"), RowBodies.Read<InboxEntry>(row.Body).At), cancellationToken);
            written += await MarkAllAsync(ProjectLists.Collection, ProjectLists.BidOnBy(county), pageSize, row =>
                Mark(Bids, county, Guid.ParseExact(row.Key, "N"), new DateTimeOffset(long.Parse(row.Sort.AsSpan(0, row.Sort.IndexOf('|')), System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero)),
                cancellationToken);
        }

        await rows.WriteAsync(Collection, [RowWrite.Put(Backfill, BackfillVersion, BackfillVersion, "{}")], cancellationToken);
        return written;
    }

    private async Task<long> MarkAllAsync(string collection, string partition, int pageSize, Func<StoredRow, RowWrite> mark, CancellationToken cancellationToken)
    {
        long written = 0;
        RowCursor? after = null;
        while (true)
        {
            var page = await rows.PageAsync(collection, partition, new RowQuery(after, 0, pageSize, Counted: false), cancellationToken);
            if (page.Rows.Count == 0) return written;
            await rows.WriteAsync(Collection, [.. page.Rows.Select(mark)], cancellationToken);
            written += page.Rows.Count;
            after = new RowCursor(page.Rows[^1].Sort, page.Rows[^1].Key);
        }
    }
}
