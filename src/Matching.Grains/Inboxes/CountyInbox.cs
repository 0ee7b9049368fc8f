using System.Globalization;
using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Projects;
using Matching.Grains.Persistence;

namespace Matching.Grains.Inboxes;

/// <summary>
/// The counties' standing interests: one row per (county, project) that a published project fits above
/// the inbox threshold, ordered by arrival and tagged with the project's status (kept current by the
/// project's projections when its status changes), so that a page of chosen statuses, newest or oldest
/// first, is one keyset read of the row store's tagged index however large the inbox has grown.
/// </summary>
public sealed class CountyInbox(IRowStore rows)
{
    internal const string Collection = "county-inbox";

    // Arrival order: the prefix tells a row of this layout from one written before it (fit order, which
    // begins with a digit), which InboxLayout rewrites once.
    private const string ArrivalPrefix = "a|";

    /// <summary>The write that puts (or updates) a project's entry in a county's inbox, with the project's status.</summary>
    public static RowWrite Put(string county, InboxEntry entry, ProjectStatus status) =>
        RowWrite.Put(county, RowBodies.Id(entry.ProjectId), SortOf(entry.At), RowBodies.Write(entry), TagOf(status));

    /// <summary>The write that gives a project's entry in a county's inbox the project's new status (nothing if it is not there).</summary>
    public static RowWrite Status(string county, Guid project, ProjectStatus status) => RowWrite.SetTag(county, RowBodies.Id(project), TagOf(status));

    /// <summary>The write that takes a project out of a county's inbox.</summary>
    public static RowWrite Remove(string county, Guid project) => RowWrite.DeleteTagged(county, RowBodies.Id(project));

    /// <summary>Applies inbox writes (any counties) in one transaction.</summary>
    public Task WriteAsync(IReadOnlyList<RowWrite> writes, CancellationToken cancellationToken = default) =>
        rows.WriteAsync(Collection, writes, cancellationToken);

    /// <summary>
    /// One page of a county's inbox by arrival (newest first unless <paramref name="oldestFirst"/>), only
    /// projects of <paramref name="statuses"/> (every entry when null), and how many such entries there are
    /// (with statuses, the row store's kept count per (county, status): one keyed read, whatever the inbox holds).
    /// </summary>
    public async Task<InboxPage> ReadAsync(
        string county, IReadOnlyCollection<ProjectStatus>? statuses, int skip, int take, bool oldestFirst = false, CancellationToken cancellationToken = default)
    {
        var query = new RowQuery(Skip: skip, Take: take, Descending: !oldestFirst, Tags: statuses is null ? null : [.. statuses.Select(TagOf)]);
        var page = await rows.PageAsync(Collection, county, query, cancellationToken);
        return new InboxPage([.. page.Rows.Select(r => RowBodies.Read<InboxEntry>(r.Body))], page.Total);
    }

    /// <summary>The tag of a status on an inbox row.</summary>
    internal static string TagOf(ProjectStatus status) => status.ToString();

    /// <summary>The row's sort: its arrival, in ticks (ascending order is oldest first).</summary>
    internal static string SortOf(DateTimeOffset at) => string.Create(CultureInfo.InvariantCulture, $"{ArrivalPrefix}{at.UtcTicks:D19}");

    /// <summary>True for a row written before inbox rows were ordered by arrival and tagged.</summary>
    internal static bool IsEarlierLayout(StoredRow row) => !row.Sort.StartsWith(ArrivalPrefix, StringComparison.Ordinal);
}
