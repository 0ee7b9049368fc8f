using System.Text.Json;
using Matching.Contracts.Attachments;

namespace Matching.Storage.Sqlite;

/// <summary>
/// The embedded profile's blob store: each file under its id in one folder (0700), the bytes in
/// <c>{id}.bin</c> and the metadata beside them in <c>{id}.json</c>, both 0600. Written to a temporary
/// file and moved into place (metadata last), so a crash leaves either the whole file or none.
/// </summary>
public sealed class FileBlobStore : IBlobStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _folder;

    /// <summary>A store in <paramref name="folder"/> (created when missing).</summary>
    public FileBlobStore(string folder)
    {
        _folder = folder;
        DataFileModes.EnsureFolder(folder);
    }

    public async Task PutAsync(Attachment attachment, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var meta = MetaPath(attachment.Id);
        if (File.Exists(meta)) return;
        await WriteAtomically(BlobPath(attachment.Id), content, cancellationToken);
        await WriteAtomically(meta, JsonSerializer.SerializeToUtf8Bytes(attachment, Json), cancellationToken);
    }

    public async Task<Attachment?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var meta = MetaPath(id);
        if (!File.Exists(meta)) return null;
        await using var stream = File.OpenRead(meta);
        return await JsonSerializer.DeserializeAsync<Attachment>(stream, Json, cancellationToken);
    }

    public async Task<byte[]?> ReadAsync(Guid id, CancellationToken cancellationToken = default) =>
        File.Exists(MetaPath(id)) ? await File.ReadAllBytesAsync(BlobPath(id), cancellationToken) : null;

    private async Task WriteAtomically(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(_folder, $".{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = DataFileModes.File;
        await using (var stream = new FileStream(temporary, options))
        {
            await stream.WriteAsync(content, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private string BlobPath(Guid id) => Path.Combine(_folder, id.ToString("N") + ".bin");

    private string MetaPath(Guid id) => Path.Combine(_folder, id.ToString("N") + ".json");
}
