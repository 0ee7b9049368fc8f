using Matching.Contracts.Live;
using Npgsql;
using NpgsqlTypes;

namespace Matching.Storage.PostgreSql;

/// <summary>
/// The live-event log in PostgreSQL (<c>infra/postgresql/010_live_events.sql</c>), shared by every host of a
/// cluster. Appends go through <paramref name="commits"/>: one call's events in one transaction, committed
/// together with whatever else the host writes at the same moment.
/// </summary>
public sealed class PostgreSqlEventLog(NpgsqlDataSource dataSource, PostgreSqlCommitQueue commits) : IEventLog
{
    // A position taken is an error (two writers of one stream); an id already held is skipped.
    private const string Insert = """
        INSERT INTO matching_live_event (stream, sequence, event_id, type, version, at, project_id, payload)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT ON CONSTRAINT matching_live_event_id DO NOTHING
        """;

    /// <summary>An event log committing its appends on its own queue.</summary>
    public PostgreSqlEventLog(NpgsqlDataSource dataSource) : this(dataSource, new PostgreSqlCommitQueue(dataSource))
    {
    }

    public async Task<long> HeadAsync(string stream, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(sequence), 0) FROM matching_live_event WHERE stream = $1");
        command.Parameters.AddWithValue(stream);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<LiveEvent>> AppendAsync(IReadOnlyList<LiveEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0) return [];
        var affected = await commits.CommitAsync([.. events.Select(e => new PostgreSqlStatement(Insert,
        [
            new() { Value = e.Stream },
            new() { Value = e.Sequence },
            new() { Value = e.Id },
            new() { Value = e.Type },
            new() { Value = e.Version },
            new() { Value = e.At.ToUniversalTime() },
            new() { Value = (object?)e.ProjectId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
            new() { Value = e.Payload, NpgsqlDbType = NpgsqlDbType.Jsonb },
        ]))], cancellationToken);
        return [.. events.Where((_, i) => affected[i] == 1)];
    }

    public async Task<IReadOnlyList<LiveEvent>> ReadAsync(string stream, long afterSequence, int max, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT sequence, event_id, type, version, at, project_id, payload::text FROM matching_live_event
            WHERE stream = $1 AND sequence > $2 ORDER BY sequence LIMIT $3
            """);
        command.Parameters.AddWithValue(stream);
        command.Parameters.AddWithValue(afterSequence);
        command.Parameters.AddWithValue(max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<LiveEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new LiveEvent(stream, reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero), reader.IsDBNull(5) ? null : reader.GetGuid(5), reader.GetString(6)));
        }

        return events;
    }

    public async Task<IReadOnlySet<string>> ContainsAsync(string stream, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0) return found;
        await using var command = dataSource.CreateCommand("SELECT event_id FROM matching_live_event WHERE stream = $1 AND event_id = ANY($2)");
        command.Parameters.AddWithValue(stream);
        command.Parameters.AddWithValue(ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) found.Add(reader.GetString(0));
        return found;
    }
}
