using Matching.Contracts.Persistence;

namespace Matching.Storage.Tests;

/// <summary>Replace-with-difference sums: a source's parts replaced, the sums moved by the difference, on every backend.</summary>
public abstract partial class RowStoreContract
{
    [Fact]
    public async Task A_contribution_replaces_its_source_parts_and_moves_the_sums_by_the_difference()
    {
        var store = await OpenStore();
        var (a, b) = ($"{NewPartition()}|a", $"{NewPartition()}|b");
        var x = NewPartition();

        await store.ContributeAsync("s", "agreement-1", new Dictionary<string, decimal> { [a] = 100.25m, [b] = 3m }, Ct);
        await store.ContributeAsync("s", "agreement-2", new Dictionary<string, decimal> { [a] = 0.75m }, Ct);
        // Replayed: the same parts again move nothing.
        await store.ContributeAsync("s", "agreement-1", new Dictionary<string, decimal> { [a] = 100.25m, [b] = 3m }, Ct);
        var sums = await store.SumsAsync("s", [a, b, "never"], Ct);
        Assert.Equal(101m, sums[a]);
        Assert.Equal(3m, sums[b]);
        Assert.Equal(0m, sums["never"]);

        // Corrected: a lower value takes the difference back, a part no longer named (or 0) takes all of it back.
        await store.ContributeAsync("s", "agreement-1", new Dictionary<string, decimal> { [a] = 40m, [x] = 0m }, Ct);
        var reopened = await OpenStore();
        sums = await reopened.SumsAsync("s", [a, b, x], Ct);
        Assert.Equal(40.75m, sums[a]);
        Assert.Equal(0m, sums[b]);
        Assert.Equal(0m, sums[x]);

        // Another collection keeps its own sums; an empty contribution removes the source.
        await reopened.ContributeAsync("t", "agreement-1", new Dictionary<string, decimal> { [a] = 9m }, Ct);
        await reopened.ContributeAsync("s", "agreement-2", new Dictionary<string, decimal>(), Ct);
        Assert.Equal(40m, (await reopened.SumsAsync("s", [a], Ct))[a]);
        Assert.Equal(9m, (await reopened.SumsAsync("t", [a], Ct))[a]);
        Assert.Empty(await reopened.SumsAsync("s", [], Ct));
    }

    [Fact]
    public async Task Concurrent_recounts_of_many_sources_leave_every_sum_equal_to_its_parts()
    {
        var store = await OpenStore();
        var p = NewPartition();
        var names = Enumerable.Range(0, 20).Select(i => $"{p}|{i}").ToArray();
        // 40 sources, each recounted 6 times with changing values by racing writers; the last value of each is (source + 1) × 0.01 in every fourth sum.
        static Dictionary<string, decimal> Parts(string[] names, int source, int round) =>
            names.Where((_, i) => (i + source) % 4 == 0).ToDictionary(n => n, _ => round == 5 ? (source + 1) * 0.01m : (source + round) * 1.5m, StringComparer.Ordinal);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var round = 0; round < 6; round++)
                for (var source = w; source < 40; source += 8)
                    await store.ContributeAsync("s", $"{p}|source{source}", Parts(names, source, round), Ct);
        }, Ct)));

        var sums = await store.SumsAsync("s", names, Ct);
        for (var i = 0; i < names.Length; i++)
        {
            var expected = Enumerable.Range(0, 40).Where(source => (i + source) % 4 == 0).Sum(source => (source + 1) * 0.01m);
            Assert.Equal(expected, sums[names[i]]);
        }
    }
}
