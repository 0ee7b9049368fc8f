using Matching.Contracts;
using Matching.Domain.Compliance;
using Matching.Domain.Projects;
using Microsoft.Data.Sqlite;

namespace Matching.Grains.Tests;

/// <summary>No stored grain row grows with use: what accumulates is in the row store, read in pages.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BoundedStateTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Replacing_a_bid_a_thousand_times_keeps_the_project_row_small_and_the_history_complete()
    {
        var grain = fixture.Grains.GetGrain<IProjectGrain>(Guid.NewGuid());
        await grain.Create(new ProjectInput
        {
            Title = "有界状态", IndustryCode = "3612", Investment = 100_000, LandMu = 0, EnergyTce = 100, Jobs = 10, ExpectedTax = 100,
            Investor = new InvestorInput("某汽车零部件有限公司", null, InvestorKind.Private),
        }, "officer");
        await grain.Publish("officer", null);
        var afterPublish = await StoredSize(grain.GetPrimaryKey());

        const int replacements = 1_000;
        for (var i = 0; i < replacements; i++)
        {
            var placed = await grain.PlaceBid(
                new BidInput { County = "370102", LandMu = 0, EnergyTce = 100, DeliveryMonths = 6, Commitments = "代办审批", Note = $"第 {i} 版方案" },
                "county-370102", $"key-{i}");
            Assert.Equal(CommandStatus.Ok, placed.Status);
        }

        var size = await StoredSize(grain.GetPrimaryKey());
        Assert.True(size < 16 * 1024, $"the project's stored row is {size} bytes after {replacements} bid replacements");
        Assert.True(size < afterPublish + 4 * 1024, $"the row grew from {afterPublish} to {size} bytes");

        // Created, published, then one entry per bid: all there, in order, page by page, both ways.
        var expected = 2 + replacements;
        var sequences = new List<int>();
        for (long? after = null; ;)
        {
            var page = await grain.GetHistory(new HistoryQuery(after, 97));
            Assert.Equal(expected, page.Total);
            if (page.Entries.Count == 0) break;
            sequences.AddRange(page.Entries.Select(e => e.Sequence));
            after = page.Entries[^1].Sequence;
        }

        Assert.Equal(Enumerable.Range(1, expected), sequences);
        var newest = await grain.GetHistory(new HistoryQuery(Take: 3, NewestFirst: true));
        Assert.Equal([expected, expected - 1, expected - 2], newest.Entries.Select(e => e.Sequence));
        Assert.Equal(ProjectEventKind.BidPlaced, newest.Entries[0].Kind);
        Assert.Equal("370102", newest.Entries[0].Note);
        Assert.Equal((long)expected, (await grain.Get())!.Version);
    }

    /// <summary>The size in bytes of the project's row in the grain store.</summary>
    private async Task<long> StoredSize(Guid project)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(fixture.Folder, Matching.Storage.Sqlite.SqliteStore.FileName)};Mode=ReadOnly");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT length(payload) FROM grain_state WHERE state_name = 'project' AND grain_id LIKE $id";
        command.Parameters.AddWithValue("$id", $"%{project:N}%");
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
