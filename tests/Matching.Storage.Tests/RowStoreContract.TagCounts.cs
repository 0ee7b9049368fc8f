using Matching.Contracts.Persistence;

namespace Matching.Storage.Tests;

/// <summary>The kept counts behind a tagged page's total: changed only by what a write does to a row's tag.</summary>
public abstract partial class RowStoreContract
{
    [Fact]
    public async Task A_tagged_total_follows_puts_retags_and_deletes_and_a_replay_counts_nothing()
    {
        var store = await OpenStore();
        var p = NewPartition();
        async Task<(long Open, long Contested, long Both)> Totals() => (
            (await store.PageAsync("c", p, new RowQuery(Take: 1, Tags: ["open"]), Ct)).Total,
            (await store.PageAsync("c", p, new RowQuery(Take: 1, Tags: ["contested"]), Ct)).Total,
            (await store.PageAsync("c", p, new RowQuery(Take: 1, Tags: ["open", "contested"]), Ct)).Total);

        var puts = Enumerable.Range(0, 6).Select(i => RowWrite.Put(p, $"k{i}", $"{i:D3}", "{}", "open")).ToList();
        await store.WriteAsync("c", puts, Ct);
        // A replayed outbox: the same puts again, and an append of a row that exists.
        await store.WriteAsync("c", [.. puts, new RowWrite(p, "k0", "000", "{}", AppendOnly: true, Tag: "open")], Ct);
        Assert.Equal((6, 0, 6), await Totals());

        // Re-tags, twice over (a retried projection), one of a row that is not there.
        IReadOnlyList<RowWrite> retags = [RowWrite.SetTag(p, "k1", "contested"), RowWrite.SetTag(p, "k2", "contested"), RowWrite.SetTag(p, "absent", "contested")];
        await store.WriteAsync("c", retags, Ct);
        await store.WriteAsync("c", retags, Ct);
        Assert.Equal((4, 2, 6), await Totals());

        // A put that changes the tag moves the row's count; a put without one takes it out of both.
        await store.WriteAsync("c", [RowWrite.Put(p, "k3", "003", "{}", "contested"), RowWrite.Put(p, "k4", "004", "{}")], Ct);
        Assert.Equal((2, 3, 5), await Totals());

        // Deletes, plain and tagged, replayed, and of an absent row.
        IReadOnlyList<RowWrite> deletes = [RowWrite.DeleteTagged(p, "k1"), RowWrite.Delete(p, "k5"), RowWrite.DeleteTagged(p, "never")];
        await store.WriteAsync("c", deletes, Ct);
        await store.WriteAsync("c", deletes, Ct);
        Assert.Equal((1, 2, 3), await Totals());
        // The kept count and a count of the rows agree.
        Assert.Equal(3, (await store.PageAsync("c", p, new RowQuery(Take: 100, Tags: ["open", "contested"]), Ct)).Rows.Count);

        // Other partitions and collections have counts of their own.
        Assert.Equal(0, (await store.PageAsync("c", NewPartition(), new RowQuery(Tags: ["open"]), Ct)).Total);
        Assert.Equal(0, (await store.PageAsync("d", p, new RowQuery(Tags: ["open"]), Ct)).Total);
    }

    [Fact]
    public async Task Concurrent_tagged_writes_of_many_partitions_are_counted_exactly()
    {
        var store = await OpenStore();
        var partitions = Enumerable.Range(0, 6).Select(_ => NewPartition()).ToArray();
        // Every write touches every partition, in an order of its own (as projects land in many inboxes):
        // batches in flight together count in the same partitions the other way round.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(w => Task.Run(async () =>
        {
            var order = w % 2 == 0 ? partitions : [.. partitions.Reverse()];
            await store.WriteAsync("c", [.. order.Select(p => RowWrite.Put(p, $"k{w}", $"{w:D3}", "{}", "open"))], Ct);
            await store.WriteAsync("c", [.. order.Select(p => RowWrite.SetTag(p, $"k{w}", w % 4 == 0 ? "contested" : "open"))], Ct);
            if (w % 5 == 0) await store.WriteAsync("c", [.. order.Select(p => RowWrite.DeleteTagged(p, $"k{w}"))], Ct);
        }, Ct)));

        foreach (var p in partitions)
        {
            var open = await store.PageAsync("c", p, new RowQuery(Take: 100, Tags: ["open"]), Ct);
            var contested = await store.PageAsync("c", p, new RowQuery(Take: 100, Tags: ["contested"]), Ct);
            Assert.Equal((open.Rows.Count, contested.Rows.Count), ((int)open.Total, (int)contested.Total));
            Assert.Equal(32, open.Total + contested.Total);
        }
    }
}
