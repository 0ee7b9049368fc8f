using Matching.Contracts;
using Matching.Contracts.Live;
using Matching.Domain.Projects;
using Matching.Storage.Sqlite;

namespace Matching.Grains.Tests;

/// <summary>
/// Live events a project change appends in its own state write's transaction (the embedded store gives them
/// their positions at the stream's head): the stream grain sends them in order with its own appends, whether
/// the change announces them or not.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EventsWithStateTests(ClusterFixture fixture)
{
    private static LiveEventDraft Draft(string stream, string id) =>
        new(stream, id, LiveEventTypes.ProjectUpdated, 1, DateTimeOffset.UtcNow, null, "{}");

    [Fact]
    public async Task Events_another_transaction_appended_are_sent_in_order_with_the_streams_next_batch()
    {
        var stream = "test:" + Guid.NewGuid().ToString("N");
        var grain = fixture.Grains.GetGrain<IEventStreamGrain>(stream);
        await grain.Append([Draft(stream, "first")]);
        // Another writer of the store's file (a change's transaction) appends at the head and is not heard of.
        await using (var log = new SqliteEventLog(Path.Combine(fixture.Folder, SqliteStore.FileName)))
            await log.AppendAtHeadAsync([Draft(stream, "theirs1"), Draft(stream, "theirs2")], TestContext.Current.CancellationToken);
        Assert.Equal(1, await grain.Head());

        var own = await grain.Append([Draft(stream, "own")]);

        Assert.Equal(4, Assert.Single(own).Sequence);
        Assert.Equal(4, await grain.Head());
        var all = (await grain.Read(0, 10)).Events;
        Assert.Equal(["first", "theirs1", "theirs2", "own"], all.Select(e => e.Id));
        Assert.Equal([1L, 2, 3, 4], all.Select(e => e.Sequence));
    }

    [Fact]
    public async Task An_announcement_after_a_gap_sends_the_gap_too_and_one_already_sent_is_skipped()
    {
        var stream = "test:" + Guid.NewGuid().ToString("N");
        var grain = fixture.Grains.GetGrain<IEventStreamGrain>(stream);
        await grain.Append([Draft(stream, "first")]);
        IReadOnlyList<LiveEvent> appended;
        await using (var log = new SqliteEventLog(Path.Combine(fixture.Folder, SqliteStore.FileName)))
            appended = await log.AppendAtHeadAsync([Draft(stream, "a"), Draft(stream, "b")], TestContext.Current.CancellationToken);

        // Only the later one is announced (the earlier writer's announcement is late): the stream sends both.
        await grain.Announce([appended[1]]);
        Assert.Equal(3, await grain.Head());
        await grain.Announce([appended[0]]);
        Assert.Equal(3, await grain.Head());
        Assert.Equal(["first", "a", "b"], (await grain.Read(0, 10)).Events.Select(e => e.Id));
    }

    [Fact]
    public async Task A_published_project_has_its_history_and_its_event_once_at_the_officers_stream_head()
    {
        var grain = fixture.Grains.GetGrain<IProjectGrain>(Guid.NewGuid());
        var officer = "officer-" + Guid.NewGuid().ToString("N")[..8];
        await grain.Create(new ProjectInput
        {
            Title = "新能源汽车零部件项目", Description = "电驱动系统", IndustryCode = "3670", Investment = 80_000, LandMu = 60, EnergyTce = 500,
            Jobs = 400, ExpectedTax = 3000, Investor = new InvestorInput("某汽车零部件有限公司", null, InvestorKind.Private),
        }, officer);
        await grain.Publish(officer, null);
        var events = (await fixture.Grains.GetGrain<IEventStreamGrain>(LiveStreams.Officer(officer)).Read(0, 10)).Events;
        Assert.Equal([LiveEventTypes.ProjectPublished], events.Select(e => e.Type));
        Assert.Equal([1L], events.Select(e => e.Sequence));
        Assert.Equal(1, await fixture.Grains.GetGrain<IEventStreamGrain>(LiveStreams.Officer(officer)).Head());
        var history = await grain.GetHistory(new HistoryQuery());
        Assert.True(history.Total >= 2);
    }

    [Fact]
    public async Task Events_committed_before_the_announcement_that_activates_their_stream_are_delivered_live()
    {
        var stream = "test:" + Guid.NewGuid().ToString("N");
        var hub = new RecordingHub();
        var directory = fixture.Grains.GetGrain<ILiveHubDirectoryGrain>(0);
        var reference = fixture.Cluster.Client.CreateObjectReference<IRemoteLiveHub>(hub);
        await directory.Register(fixture.Cluster.Primary!.SiloAddress, reference);
        try
        {
            // A change's own transaction appends while the stream's grain is not active (never was, or was collected).
            IReadOnlyList<LiveEvent> appended;
            await using (var log = new SqliteEventLog(Path.Combine(fixture.Folder, SqliteStore.FileName)))
                appended = await log.AppendAtHeadAsync([Draft(stream, "a"), Draft(stream, "b")], TestContext.Current.CancellationToken);

            // Its announcement activates the grain, which reads a head that already holds them: they still go out.
            await fixture.Grains.GetGrain<IEventStreamGrain>(stream).Announce(appended);

            Assert.Equal(["a", "b"], hub.Received.Where(e => e.Stream == stream).Select(e => e.Id));
            Assert.Equal([1L, 2], hub.Received.Where(e => e.Stream == stream).Select(e => e.Sequence));
        }
        finally
        {
            await directory.Unregister(fixture.Cluster.Primary!.SiloAddress);
            fixture.Cluster.Client.DeleteObjectReference<IRemoteLiveHub>(reference);
        }
    }
}
