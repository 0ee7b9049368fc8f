using Matching.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace Matching.Storage.Tests;

/// <summary>
/// The platform's own PostgreSQL grain storage (writes through the group commit) on a real PostgreSQL:
/// the grain-storage contract, and rows shared with Orleans' ADO.NET provider both ways, for every kind of
/// key the platform's grains have (Guid projects, string counties and streams, the integer directory, a
/// key extension), with versions carrying on across the two.
/// </summary>
public sealed class PostgreSqlOwnGrainStorageTests(PostgresSilo silo) : GrainStorageContract, IClassFixture<PostgresSilo>
{
    protected override Task<IGrainStorage> OpenStorage()
    {
        if (silo.Server.SkipReason is { } reason) Assert.Skip(reason);
        var source = NpgsqlDataSource.Create(silo.Server.ConnectionString);
        return Task.FromResult<IGrainStorage>(new PostgreSqlGrainStorage(ServiceId, source, new PostgreSqlCommitQueue(source), Serializer));
    }

    private string ServiceId => silo.Host!.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;

    /// <summary>Orleans' ADO.NET provider as the silo has it (what wrote every row before this storage).</summary>
    private IGrainStorage Provider => silo.Host!.Services.GetRequiredKeyedService<IGrainStorage>(Grains.Persistence.MatchingStorage.Name);

    public static TheoryData<string> Keys() => ["guid", "string", "integer", "guid+extension", "integer+extension"];

    private static GrainId Grain(string kind) => kind switch
    {
        "guid" => GrainId.Create(GrainType.Create("project"), GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid())),
        "string" => GrainId.Create("county", "3701" + Random.Shared.Next(10, 99) + Guid.NewGuid().ToString("N")[..6]),
        "integer" => GrainId.Create(GrainType.Create("directory"), GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64())),
        "guid+extension" => GrainId.Create(GrainType.Create("project"), GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), "ext:" + Guid.NewGuid().ToString("N"))),
        _ => GrainId.Create(GrainType.Create("directory"), GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64(), "ext")),
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task State_the_ADO_NET_provider_wrote_loads_and_carries_on(string kind)
    {
        var own = await OpenStorage();
        var grain = Grain(kind);
        var written = new GrainState<SampleState>(new SampleState { Title = "旧行", Numbers = [7], Day = DayOfWeek.Monday });
        await Provider.WriteStateAsync("project", grain, written);
        await Provider.WriteStateAsync("project", grain, written);

        var read = new GrainState<SampleState>(new SampleState());
        await own.ReadStateAsync("project", grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal("旧行", read.State!.Title);
        Assert.Equal([7], read.State!.Numbers);
        Assert.Equal(written.ETag, read.ETag);

        // Written here on the version read; the provider reads it back and writes on.
        read.State!.Title = "新写";
        await own.WriteStateAsync("project", grain, read);
        var back = new GrainState<SampleState>(new SampleState());
        await Provider.ReadStateAsync("project", grain, back);
        Assert.Equal("新写", back.State!.Title);
        Assert.Equal(read.ETag, back.ETag);
        await Provider.WriteStateAsync("project", grain, back);

        // The provider's version moved on: the stale one here is refused.
        await Assert.ThrowsAsync<InconsistentStateException>(() => own.WriteStateAsync("project", grain, read));
        Assert.Equal(1, await RowsOf(grain));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task State_written_here_first_loads_in_the_ADO_NET_provider(string kind)
    {
        var own = await OpenStorage();
        var grain = Grain(kind);
        var state = new GrainState<SampleState>(new SampleState { Title = "首写", Day = DayOfWeek.Sunday });

        await own.WriteStateAsync("county", grain, state);

        var read = new GrainState<SampleState>(new SampleState());
        await Provider.ReadStateAsync("county", grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal("首写", read.State!.Title);
        Assert.Equal(state.ETag, read.ETag);
        // The provider's own first write of the grain is refused: the row is the same row.
        await Assert.ThrowsAsync<InconsistentStateException>(() => Provider.WriteStateAsync("county", grain, new GrainState<SampleState>(new SampleState())));
        Assert.Equal(1, await RowsOf(grain));
    }

    /// <summary>Rows stored for the grain's key columns, whatever their hashes.</summary>
    private async Task<long> RowsOf(GrainId grain)
    {
        await using var source = NpgsqlDataSource.Create(silo.Server.ConnectionString);
        string? extension = null;
        long n0 = 0, n1 = 0;
        if (grain.TryGetGuidKey(out var guid, out extension))
        {
            var bytes = guid.ToByteArray();
            (n0, n1) = (BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8));
        }
        else if (grain.TryGetIntegerKey(out var integer, out extension)) n1 = integer;
        else extension = grain.Key.ToString();

        await using var count = source.CreateCommand(
            "SELECT count(*) FROM orleansstorage WHERE grainidn0 = $1 AND grainidn1 = $2 AND coalesce(grainidextensionstring, '') = $3");
        count.Parameters.AddWithValue(n0);
        count.Parameters.AddWithValue(n1);
        count.Parameters.AddWithValue(extension ?? "");
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
