using Matching.Grains.Persistence;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Matching.Storage.Tests;

/// <summary>A grain state shaped like the platform's: nested records, enums, lists.</summary>
public sealed class SampleState
{
    public string Title { get; set; } = "";
    public List<int> Numbers { get; set; } = [];
    public DayOfWeek Day { get; set; }
}

/// <summary>
/// What every grain storage of the platform must do, run against each backend (SQLite here; the
/// cluster profile adds PostgreSQL): round-trips, ETag checks, unique keys, clearing, durability.
/// </summary>
public abstract class GrainStorageContract
{
    /// <summary>A storage over a store that outlives the instance (same store on each call within a test).</summary>
    protected abstract Task<IGrainStorage> OpenStorage();

    private static GrainId NewGrain(string type = "project") => GrainId.Create(type, Guid.NewGuid().ToString("N"));

    private static GrainState<SampleState> Empty() => new(new SampleState());

    [Fact]
    public async Task Reading_a_grain_never_written_gives_no_record()
    {
        var storage = await OpenStorage();
        var state = Empty();

        await storage.ReadStateAsync("project", NewGrain(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
    }

    [Fact]
    public async Task Written_state_reads_back_with_a_new_etag_each_write()
    {
        var storage = await OpenStorage();
        var grain = NewGrain();
        var state = Empty();
        state.State = new SampleState { Title = "光伏", Numbers = [1, 2, 3], Day = DayOfWeek.Friday };

        await storage.WriteStateAsync("project", grain, state);
        var firstETag = state.ETag;
        state.State!.Title = "锂电池";
        await storage.WriteStateAsync("project", grain, state);

        var read = Empty();
        await storage.ReadStateAsync("project", grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal("锂电池", read.State!.Title);
        Assert.Equal([1, 2, 3], read.State!.Numbers);
        Assert.Equal(DayOfWeek.Friday, read.State!.Day);
        Assert.NotNull(firstETag);
        Assert.NotEqual(firstETag, read.ETag);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var storage = await OpenStorage();
        var grain = NewGrain();
        var writer = Empty();
        writer.State!.Title = "v1";
        await storage.WriteStateAsync("project", grain, writer);
        var stale = Empty();
        await storage.ReadStateAsync("project", grain, stale);
        writer.State!.Title = "v2";
        await storage.WriteStateAsync("project", grain, writer);

        stale.State!.Title = "lost update";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("project", grain, stale));

        var read = Empty();
        await storage.ReadStateAsync("project", grain, read);
        Assert.Equal("v2", read.State!.Title);
    }

    [Fact]
    public async Task Two_first_writes_of_one_grain_cannot_both_succeed()
    {
        var storage = await OpenStorage();
        var grain = NewGrain();
        var a = Empty();
        var b = Empty();
        a.State!.Title = "a";
        b.State!.Title = "b";

        var results = await Task.WhenAll(
            Attempt(() => storage.WriteStateAsync("project", grain, a)),
            Attempt(() => storage.WriteStateAsync("project", grain, b)));

        Assert.Single(results, ok => ok);
        var read = Empty();
        await storage.ReadStateAsync("project", grain, read);
        Assert.Contains(read.State!.Title, new[] { "a", "b" });
    }

    [Fact]
    public async Task Grain_type_key_and_state_name_each_make_a_separate_record()
    {
        var storage = await OpenStorage();
        var key = Guid.NewGuid().ToString("N");
        var records = new (string StateName, GrainId Grain)[]
        {
            ("project", GrainId.Create("project", key)),
            ("county", GrainId.Create("county", key)),
            ("other", GrainId.Create("project", key)),
        };
        foreach (var (name, grain) in records)
        {
            var state = Empty();
            state.State!.Title = $"{name}:{grain}";
            await storage.WriteStateAsync(name, grain, state);
        }

        foreach (var (name, grain) in records)
        {
            var read = Empty();
            await storage.ReadStateAsync(name, grain, read);
            Assert.Equal($"{name}:{grain}", read.State!.Title);
        }
    }

    [Fact]
    public async Task Clearing_removes_the_record_and_checks_the_etag()
    {
        var storage = await OpenStorage();
        var grain = NewGrain();
        var state = Empty();
        await storage.WriteStateAsync("project", grain, state);
        var stale = new GrainState<SampleState>(new SampleState()) { ETag = "999" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("project", grain, stale));
        await storage.ClearStateAsync("project", grain, state);

        Assert.False(state.RecordExists);
        var read = Empty();
        await storage.ReadStateAsync("project", grain, read);
        Assert.False(read.RecordExists);
        // A cleared grain can be written again from scratch.
        await storage.WriteStateAsync("project", grain, read);
        Assert.NotNull(read.ETag);
    }

    [Fact]
    public async Task State_outlives_the_storage_instance()
    {
        var grain = NewGrain();
        var state = Empty();
        state.State!.Title = "持久";
        await (await OpenStorage()).WriteStateAsync("project", grain, state);

        var read = Empty();
        await (await OpenStorage()).ReadStateAsync("project", grain, read);

        Assert.Equal("持久", read.State!.Title);
        Assert.Equal(state.ETag, read.ETag);
    }

    private static async Task<bool> Attempt(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    protected static IGrainStorageSerializer Serializer { get; } = new JsonStateSerializer();
}
