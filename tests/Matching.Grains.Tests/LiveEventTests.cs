using Matching.Contracts;
using Matching.Contracts.Live;
using Matching.Domain.Projects;

namespace Matching.Grains.Tests;

/// <summary>The event streams behind live updates, on the two-silo cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LiveEventTests(ClusterFixture fixture)
{
    private static LiveEventDraft Draft(string stream, string id) =>
        new(stream, id, LiveEventTypes.ProjectUpdated, 1, DateTimeOffset.UtcNow, null, "{}");

    [Fact]
    public async Task Concurrent_appends_get_gapless_sequences_and_a_repeated_id_is_stored_once()
    {
        var stream = "test:" + Guid.NewGuid().ToString("N");
        var grain = fixture.Grains.GetGrain<IEventStreamGrain>(stream);

        var appended = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => grain.Append([Draft(stream, "e" + i)])));
        var again = await grain.Append([Draft(stream, "e7"), Draft(stream, "e59")]);

        Assert.Empty(again);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), appended.SelectMany(a => a).Select(e => e.Sequence).Order());
        Assert.Equal(60, await grain.Head());
        var page = await grain.Read(55, 500);
        Assert.Equal([56L, 57, 58, 59, 60], page.Events.Select(e => e.Sequence));
        Assert.False(page.More);
        var first = await grain.Read(0, 10);
        Assert.True(first.More);
        Assert.Equal(10, first.Events.Count);
    }

    [Fact]
    public async Task Appends_stored_together_answer_each_caller_its_own_events_and_store_a_shared_id_once()
    {
        var stream = "test:" + Guid.NewGuid().ToString("N");
        var grain = fixture.Grains.GetGrain<IEventStreamGrain>(stream);

        // Forty callers at once, each with an event of its own and one every caller sends (a republished outbox).
        var appended = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => grain.Append([Draft(stream, "own" + i), Draft(stream, "shared")])));

        for (var i = 0; i < 40; i++) Assert.Contains(appended[i], e => e.Id == "own" + i);
        Assert.DoesNotContain(appended.SelectMany(a => a), e => e.Id.StartsWith("own", StringComparison.Ordinal) && appended.Count(a => a.Contains(e)) > 1);
        var all = (await grain.Read(0, 500)).Events;
        Assert.Equal(Enumerable.Range(1, 41).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Single(all, e => e.Id == "shared");
        Assert.Equal(41, await grain.Head());
    }

    [Fact]
    public async Task An_outbox_sent_again_with_a_new_change_stores_the_old_events_once_and_the_new_ones_gapless()
    {
        var stream = "test:" + Guid.NewGuid().ToString("N");
        var grain = fixture.Grains.GetGrain<IEventStreamGrain>(stream);
        await grain.Append([Draft(stream, "old1"), Draft(stream, "old2")]);

        // The outbox still holds old1 and old2 (their send timed out, yet they were stored); new1 and new2 are the
        // change's own, on their first send: only the first two are looked up, and only the new are stored.
        var appended = await grain.AppendUnsentFrom([Draft(stream, "old1"), Draft(stream, "old2"), Draft(stream, "new1"), Draft(stream, "new2")], 2);

        Assert.Equal(["new1", "new2"], appended.Select(e => e.Id));
        var all = (await grain.Read(0, 500)).Events;
        Assert.Equal(["old1", "old2", "new1", "new2"], all.Select(e => e.Id));
        Assert.Equal([1L, 2, 3, 4], all.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Publishing_tells_the_officer_coordinators_and_each_fitting_county_with_its_own_score()
    {
        var grain = fixture.Grains.GetGrain<IProjectGrain>(Guid.NewGuid());
        var officer = "officer-" + Guid.NewGuid().ToString("N")[..8];
        await grain.Create(new ProjectInput
        {
            Title = "新能源汽车零部件项目", Description = "电驱动系统", IndustryCode = "3670", Investment = 80_000, LandMu = 60, EnergyTce = 500,
            Jobs = 400, ExpectedTax = 3000, Investor = new InvestorInput("某汽车零部件有限公司", null, InvestorKind.Private),
        }, officer);
        Assert.Equal(0, await fixture.Grains.GetGrain<IEventStreamGrain>(LiveStreams.Officer(officer)).Head());
        // The coordinators' stream is shared by every test of the collection: read it from here on.
        var coordinatorsHead = await fixture.Grains.GetGrain<IEventStreamGrain>(LiveStreams.Coordinators).Head();

        await grain.Publish(officer, null);

        var own = await fixture.Grains.GetGrain<IEventStreamGrain>(LiveStreams.Officer(officer)).Read(0, 10);
        Assert.Equal([LiveEventTypes.ProjectPublished], own.Events.Select(e => e.Type));
        var staff = await fixture.Grains.GetGrain<IEventStreamGrain>(LiveStreams.Coordinators).Read(coordinatorsHead, 500);
        Assert.Contains(staff.Events, e => e.ProjectId == grain.GetPrimaryKey() && e.Type == LiveEventTypes.ProjectPublished);
        var interests = await grain.GetInterestScores();
        Assert.NotEmpty(interests);
        foreach (var (county, score) in interests)
        {
            var events = (await fixture.Grains.GetGrain<IEventStreamGrain>(LiveStreams.County(county)).Read(0, 500)).Events
                .Where(e => e.ProjectId == grain.GetPrimaryKey()).ToArray();
            var published = Assert.Single(events);
            Assert.Contains($"\"fitScore\":{Math.Round(score, 4)}", published.Payload.Replace(" ", ""));
        }
    }
}
