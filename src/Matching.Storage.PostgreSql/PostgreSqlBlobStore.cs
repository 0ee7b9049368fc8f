using Matching.Contracts.Attachments;
using Npgsql;

namespace Matching.Storage.PostgreSql;

/// <summary>The blob store in PostgreSQL (<c>infra/postgresql/012_attachments.sql</c>): a bytea row per file, shared by every host.</summary>
public sealed class PostgreSqlBlobStore(NpgsqlDataSource dataSource) : IBlobStore
{
    public async Task PutAsync(Attachment attachment, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO matching_attachment (id, project_id, file_name, content_type, length, sha256, uploaded_by, uploaded_at, content)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = attachment.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = attachment.ProjectId });
        command.Parameters.Add(new NpgsqlParameter { Value = attachment.FileName });
        command.Parameters.Add(new NpgsqlParameter { Value = attachment.ContentType });
        command.Parameters.Add(new NpgsqlParameter { Value = attachment.Length });
        command.Parameters.Add(new NpgsqlParameter { Value = attachment.Sha256 });
        command.Parameters.Add(new NpgsqlParameter { Value = attachment.UploadedBy });
        command.Parameters.Add(new NpgsqlParameter { Value = attachment.UploadedAt.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = content.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Attachment?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, project_id, file_name, content_type, length, sha256, uploaded_by, uploaded_at FROM matching_attachment WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new Attachment(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
            reader.GetString(5), reader.GetString(6), new DateTimeOffset(reader.GetDateTime(7), TimeSpan.Zero));
    }

    public async Task<byte[]?> ReadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT content FROM matching_attachment WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }
}
