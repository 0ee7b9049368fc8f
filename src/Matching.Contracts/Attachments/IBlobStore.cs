namespace Matching.Contracts.Attachments;

/// <summary>
/// Evidence files (stage reports' attachments): bytes and what they are, stored apart from grain rows and
/// the row store. Local files in the embedded profile, PostgreSQL in a cluster; both pass
/// <c>tests/Matching.Storage.Tests</c>' blob-store contract. A stored file never changes: putting an id
/// that exists keeps the first file.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores a file under <see cref="Attachment.Id"/> (kept as it is when the id exists).</summary>
    Task PutAsync(Attachment attachment, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>What the file is, or null when there is none under the id.</summary>
    Task<Attachment?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The file's bytes, or null when there is none under the id.</summary>
    Task<byte[]?> ReadAsync(Guid id, CancellationToken cancellationToken = default);
}

/// <summary>An uploaded file's metadata.</summary>
/// <param name="Id">The attachment's id (what a stage report references).</param>
/// <param name="ProjectId">The project it was uploaded for (only that project's reports may reference it).</param>
/// <param name="FileName">The file name as uploaded (for Content-Disposition).</param>
/// <param name="ContentType">The type its content was recognised as: application/pdf, image/png or image/jpeg.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="Sha256">SHA-256 of the content, lower-case hex.</param>
/// <param name="UploadedBy">Who uploaded it.</param>
/// <param name="UploadedAt">When.</param>
public sealed record Attachment(
    Guid Id, Guid ProjectId, string FileName, string ContentType, long Length, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);
