using Matching.Storage.Sqlite;
using Orleans.Runtime;

namespace Matching.Storage.Tests;

/// <summary>
/// The embedded profile's reminder table behaves as Orleans' own tables do: upserts return a fresh ETag,
/// a remove with a stale ETag removes nothing, ring ranges wrap, and everything survives reopening the file.
/// </summary>
public sealed class SqliteReminderTableTests : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "matching-reminder-tests", Guid.NewGuid().ToString("N"), "reminders.db");
    private readonly List<SqliteReminderTable> _opened = [];

    private SqliteReminderTable Open()
    {
        var table = new SqliteReminderTable(_path);
        _opened.Add(table);
        return table;
    }

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc), Period = period };

    [Fact]
    public async Task Upsert_read_and_remove_follow_the_etag()
    {
        var table = Open();
        var grain = GrainId.Create("project", "p-1");

        var first = await table.UpsertRow(Entry(grain, "deadline", TimeSpan.FromHours(1)));
        var second = await table.UpsertRow(Entry(grain, "deadline", TimeSpan.FromHours(2)));
        Assert.NotEqual(first, second);

        var read = (await table.ReadRow(grain, "deadline"))!;
        Assert.Equal(TimeSpan.FromHours(2), read.Period);
        Assert.Equal(second, read.ETag);
        Assert.Equal(new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc), read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);

        Assert.False(await table.RemoveRow(grain, "deadline", first!));
        Assert.NotNull(await table.ReadRow(grain, "deadline"));
        Assert.True(await table.RemoveRow(grain, "deadline", second!));
        Assert.Null(await table.ReadRow(grain, "deadline"));
        Assert.False(await table.RemoveRow(grain, "deadline", second!));
    }

    [Fact]
    public async Task Ring_ranges_select_by_uniform_hash_and_wrap()
    {
        var table = Open();
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("project", $"p-{i}")).ToList();
        foreach (var grain in grains) await table.UpsertRow(Entry(grain, "clock", TimeSpan.FromMinutes(5)));
        await table.UpsertRow(Entry(grains[0], "deadline", TimeSpan.FromMinutes(5)));

        Assert.Equal(2, (await table.ReadRows(grains[0])).Reminders.Count);

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var (begin, end) = (hashes[9], hashes[29]);
        var inside = (await table.ReadRows(begin, end)).Reminders;
        var expected = grains.Where(g => g.GetUniformHashCode() > begin && g.GetUniformHashCode() <= end).Select(g => g.ToString()).Order();
        Assert.Equal(expected, inside.Select(r => r.GrainId.ToString()).Distinct().Order());

        // (end, begin] wraps past uint.MaxValue: together the two ranges hold every reminder exactly once.
        var outside = (await table.ReadRows(end, begin)).Reminders;
        Assert.Equal(41, inside.Count + outside.Count);
        Assert.Empty(outside.Select(r => r.GrainId).Intersect(inside.Select(r => r.GrainId)));
    }

    [Fact]
    public async Task Reminders_survive_reopening_the_file()
    {
        var grain = GrainId.Create("project", "restart");
        var etag = await Open().UpsertRow(Entry(grain, "landing-clock", TimeSpan.FromDays(1)));

        var reopened = Open();
        var read = (await reopened.ReadRow(grain, "landing-clock"))!;
        Assert.Equal(etag, read.ETag);
        Assert.Equal(TimeSpan.FromDays(1), read.Period);

        await reopened.TestOnlyClearTable();
        Assert.Empty((await reopened.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public void The_file_is_the_owners_alone()
    {
        if (OperatingSystem.IsWindows()) return;
        Open();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_path));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var table in _opened) await table.DisposeAsync();
    }
}
