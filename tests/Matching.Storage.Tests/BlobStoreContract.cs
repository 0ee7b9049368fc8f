using System.Security.Cryptography;
using Matching.Contracts.Attachments;

namespace Matching.Storage.Tests;

/// <summary>
/// What every blob store must do, run against each backend (files on disk embedded, PostgreSQL in a
/// cluster): a file round-trips byte for byte with its metadata, survives a new instance, is kept as first
/// stored when its id is put again, and an unknown id is null.
/// </summary>
public abstract class BlobStoreContract
{
    /// <summary>A store over storage that outlives the instance.</summary>
    protected abstract Task<IBlobStore> OpenStore();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (Attachment, byte[]) File(int length, string name = "施工许可证.pdf")
    {
        var content = new byte[length];
        Random.Shared.NextBytes(content);
        "%PDF-"u8.CopyTo(content);
        var at = new DateTimeOffset(2026, 12, 2, 3, 4, 5, 678, TimeSpan.Zero);
        return (new Attachment(Guid.CreateVersion7(), Guid.NewGuid(), name, "application/pdf", length,
            Convert.ToHexStringLower(SHA256.HashData(content)), "county-370102", at), content);
    }

    [Fact]
    public async Task A_file_round_trips_with_its_metadata_and_outlives_the_instance()
    {
        var (attachment, content) = File(3 * 1024 * 1024 + 17);
        await (await OpenStore()).PutAsync(attachment, content, Ct);

        var reopened = await OpenStore();
        Assert.Equal(attachment, await reopened.GetAsync(attachment.Id, Ct));
        Assert.Equal(content, await reopened.ReadAsync(attachment.Id, Ct));
    }

    [Fact]
    public async Task Putting_an_id_again_keeps_the_first_file()
    {
        var store = await OpenStore();
        var (attachment, content) = File(100);
        await store.PutAsync(attachment, content, Ct);
        var (_, other) = File(50);

        await store.PutAsync(attachment with { FileName = "另一个.pdf", Length = 50 }, other, Ct);

        Assert.Equal(attachment, await store.GetAsync(attachment.Id, Ct));
        Assert.Equal(content, await store.ReadAsync(attachment.Id, Ct));
    }

    [Fact]
    public async Task An_unknown_id_is_null()
    {
        var store = await OpenStore();
        Assert.Null(await store.GetAsync(Guid.NewGuid(), Ct));
        Assert.Null(await store.ReadAsync(Guid.NewGuid(), Ct));
    }
}

public sealed class FileBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "matching-blob-tests", Guid.NewGuid().ToString("N"), "attachments");

    protected override Task<IBlobStore> OpenStore() => Task.FromResult<IBlobStore>(new Sqlite.FileBlobStore(_folder));

    [Fact]
    public async Task Files_and_their_folder_are_the_owners_alone()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Unix file modes.");
        else await Modes();
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private async Task Modes()
    {
        var store = await OpenStore();
        var id = Guid.NewGuid();
        await store.PutAsync(new Attachment(id, Guid.NewGuid(), "a.png", "image/png", 3, "x", "u", DateTimeOffset.UnixEpoch), new byte[] { 1, 2, 3 }, TestContext.Current.CancellationToken);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, System.IO.File.GetUnixFileMode(_folder));
        var files = Directory.GetFiles(_folder);
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(f)));
    }

    public void Dispose()
    {
        var root = Path.GetDirectoryName(_folder)!;
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }
}

public sealed class PostgreSqlBlobStoreTests(PostgresSilo silo) : BlobStoreContract, IClassFixture<PostgresSilo>
{
    protected override Task<IBlobStore> OpenStore()
    {
        if (silo.Server.SkipReason is { } reason) Assert.Skip(reason);
        return Task.FromResult<IBlobStore>(new PostgreSql.PostgreSqlBlobStore(Npgsql.NpgsqlDataSource.Create(silo.Server.ConnectionString)));
    }
}
