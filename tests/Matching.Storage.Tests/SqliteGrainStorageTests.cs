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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
