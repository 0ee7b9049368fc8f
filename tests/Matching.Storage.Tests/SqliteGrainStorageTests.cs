using Matching.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace Matching.Storage.Tests;

public sealed class SqliteGrainStorageTests : GrainStorageContract, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "matching-storage-tests", Guid.NewGuid().ToString("N"));

    protected override async Task<IGrainStorage> OpenStorage()
    {
        var storage = new SqliteGrainStorage(
            "test",
            "matching-tests",
            new SqliteGrainStorageOptions { DatabasePath = Path.Combine(_folder, "grains.db"), GrainStorageSerializer = Serializer },
            NullLogger<SqliteGrainStorage>.Instance);
        await storage.InitializeAsync(TestContext.Current.CancellationToken);
        return storage;
    }

    [Fact]
    public async Task Two_storages_on_one_file_see_each_others_writes_and_conflicts()
    {
        // Two silos of one process (the two-silo test cluster) share the file this way.
        var first = await OpenStorage();
        var second = await OpenStorage();
        var grain = Orleans.Runtime.GrainId.Create("project", "shared");
        var a = new Orleans.GrainState<SampleState>(new SampleState { Title = "a" });
        await first.WriteStateAsync("project", grain, a);
        var b = new Orleans.GrainState<SampleState>(new SampleState());
        await second.ReadStateAsync("project", grain, b);
        b.State!.Title = "b";
        await second.WriteStateAsync("project", grain, b);

        a.State!.Title = "stale";
        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => first.WriteStateAsync("project", grain, a));
    }

    /// <summary>
    /// A project row as every host before the UTF-8 state format wrote it: Chinese text as <c>\uXXXX</c>
    /// escapes (System.Text.Json's default encoder). It must load as it did, and be written back as UTF-8.
    /// </summary>
    private const string EscapedProjectRow =
        """{"project":null,"interests":{"370102":0.8125},"bids":{"370102":{"bid":{"county":"370102","parkId":null,"landMu":0,"energyTce":100,"deliveryMonths":12,"landPrice":null,"commitments":"\u4E13\u73ED\u670D\u52A1\uFF0C\u4EE3\u529E\u5BA1\u6279\u624B\u7EED","note":"\u541E\u5410\u6D4B\u8BD5 \u003Cb\u003E","localChainPartners":[]},"flags":[],"ruleBookVersion":"2026.1","placedBy":"county-370102","placedAt":"2026-12-01T08:00:00+00:00","onVersion":3}},"route":null,"jointBids":{},"lastDecision":null,"pending":null,"held":null,"landing":null,"createdWith":null,"outbox":[],"unprojected":{"history":[],"inbox":{},"lists":[],"bidKeys":[],"investor":false,"index":false},"landingEvidenceOwed":null}""";

    [Fact]
    public async Task A_project_row_written_with_escaped_chinese_still_loads_and_is_rewritten_as_utf8()
    {
        var storage = await OpenStorage();
        var grain = Orleans.Runtime.GrainId.Create("project", Guid.NewGuid().ToString("N"));
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "grains.db")};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO grain_state (service_id, grain_id, state_name, version, payload, modified_at) VALUES ('matching-tests', $g, 'project', 7, $p, '2026-12-01T08:00:00Z')";
            insert.Parameters.AddWithValue("$g", grain.ToString());
            insert.Parameters.AddWithValue("$p", System.Text.Encoding.UTF8.GetBytes(EscapedProjectRow));
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var read = new Orleans.GrainState<Matching.Grains.Projects.ProjectState>(new());
        await storage.ReadStateAsync("project", grain, read);
        Assert.Equal("7", read.ETag);
        var bid = read.State!.Bids["370102"];
        Assert.Equal("专班服务，代办审批手续", bid.Bid.Commitments);
        Assert.Equal("吞吐测试 <b>", bid.Bid.Note);
        Assert.Equal(3, bid.OnVersion);
        Assert.Equal(0.8125, read.State.Interests["370102"]);

        // Written again: the Chinese as UTF-8 (shorter), the HTML-sensitive characters still escaped, and it reads the same.
        await storage.WriteStateAsync("project", grain, read);
        var stored = StoredPayload(grain);
        Assert.Contains("专班服务，代办审批手续", stored);
        Assert.Contains("\\u003Cb\\u003E", stored);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(stored) < EscapedProjectRow.Length, "the UTF-8 row should be shorter than the escaped one");
        var again = new Orleans.GrainState<Matching.Grains.Projects.ProjectState>(new());
        await storage.ReadStateAsync("project", grain, again);
        var reread = again.State!.Bids["370102"];
        Assert.Equal((bid.Bid.Commitments, bid.Bid.Note, bid.PlacedAt, bid.OnVersion), (reread.Bid.Commitments, reread.Bid.Note, reread.PlacedAt, reread.OnVersion));
    }

    private string StoredPayload(Orleans.Runtime.GrainId grain)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "grains.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT payload FROM grain_state WHERE grain_id = $g";
        select.Parameters.AddWithValue("$g", grain.ToString());
        return System.Text.Encoding.UTF8.GetString((byte[])select.ExecuteScalar()!);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
