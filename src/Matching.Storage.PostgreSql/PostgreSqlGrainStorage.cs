using System.Globalization;
using System.Text;
using Matching.Contracts.Persistence;
using Npgsql;
using NpgsqlTypes;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Matching.Storage.PostgreSql;

/// <summary>
/// Grain state in PostgreSQL's <c>orleansstorage</c> table (<c>infra/postgresql/002_orleans_storage.sql</c>),
/// in the rows Orleans' ADO.NET provider writes: the same key columns, hashes and versions, so state
/// written by that provider loads here and the other way round. What differs is the road: a write goes
/// through the host's <see cref="PostgreSqlCommitQueue"/>, so concurrent grain writes, row projections and
/// live-event appends share round trips and commits, where the ADO.NET provider spent a round trip and a
/// commit of its own on every grain write.
/// </summary>
/// <remarks>
/// The version column is the ETag: an update carries the version it read and changes nothing when another
/// write came between (reported as <see cref="InconsistentStateException"/>, as the ADO.NET provider does);
/// a first write inserts only if no row exists, so two activations of one grain cannot both write first.
/// </remarks>
public sealed class PostgreSqlGrainStorage(string serviceId, NpgsqlDataSource dataSource, PostgreSqlCommitQueue commits, IGrainStorageSerializer serializer) : IGrainStorage
{
    private const string Key = """
        grainidhash = $1 AND graintypehash = $2 AND grainidn0 = $3 AND grainidn1 = $4 AND graintypestring = $5
          AND coalesce(grainidextensionstring, '') = coalesce($6, '') AND serviceid = $7
        """;

    private const string Read = "SELECT payloadbinary, version FROM orleansstorage WHERE " + Key;

    private const string Insert = """
        INSERT INTO orleansstorage (grainidhash, graintypehash, grainidn0, grainidn1, graintypestring, grainidextensionstring, serviceid,
            payloadbinary, payloadjson, payloadxml, modifiedon, version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL, (now() at time zone 'utc'), 1)
        ON CONFLICT DO NOTHING
        """;

    private const string Update = """
        UPDATE orleansstorage SET payloadbinary = $8, payloadjson = NULL, payloadxml = NULL, modifiedon = (now() at time zone 'utc'), version = version + 1
        WHERE
        """ + " " + Key + " AND version = $9";

    private const string Clear = """
        UPDATE orleansstorage SET payloadbinary = NULL, payloadjson = NULL, payloadxml = NULL, version = version + 1
        WHERE
        """ + " " + Key + " AND version = $8";

    /// <summary>The SQLSTATE <c>matching_expect_one_state</c> raises (<c>infra/postgresql/018_state_with_rows.sql</c>).</summary>
    private const string StaleState = "MS409";

    private static readonly OrleansDefaultHasher Hasher = new();

    private readonly PostgreSqlRowStore? _rows;

    /// <summary>
    /// Grain storage that commits the rows a grain hands over with its state write (<see cref="OwedWithState"/>) in the
    /// state's own transaction, through <paramref name="rows"/>' statements.
    /// </summary>
    public PostgreSqlGrainStorage(string serviceId, NpgsqlDataSource dataSource, PostgreSqlCommitQueue commits, IGrainStorageSerializer serializer, PostgreSqlRowStore rows)
        : this(serviceId, dataSource, commits, serializer) => _rows = rows;

    /// <summary>An insert or update of the state that raises unless it wrote one row, so that the statements after it in its transaction commit only with it.</summary>
    private static string ExpectOne(string write) => $"WITH written AS ({write} RETURNING 1) SELECT matching_expect_one_state(count(*)) FROM written";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = dataSource.CreateCommand(Read);
        foreach (var parameter in KeyParameters(stateName, grainId)) command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            (grainState.State, grainState.ETag, grainState.RecordExists) = (Activator.CreateInstance<T>(), null, false);
            return;
        }

        // A cleared row keeps its version (the next write updates it) and has no payload.
        var cleared = reader.IsDBNull(0);
        grainState.State = cleared ? Activator.CreateInstance<T>() : serializer.Deserialize<T>(new BinaryData(reader.GetFieldValue<byte[]>(0)));
        grainState.ETag = reader.IsDBNull(1) ? null : reader.GetInt32(1).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = !cleared;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = new NpgsqlParameter { Value = serializer.Serialize(grainState.State).ToArray(), NpgsqlDbType = NpgsqlDbType.Bytea };
        var version = Version(grainState.ETag, stateName, grainId);
        var statement = version is { } read
            ? new PostgreSqlStatement(Update, [.. KeyParameters(stateName, grainId), payload, new() { Value = read }])
            : new PostgreSqlStatement(Insert, [.. KeyParameters(stateName, grainId), payload]);
        // Rows handed over with this write go in its transaction (one batch is one transaction); a stale version
        // raises (MS409) and fails the batch, so that neither the state nor the rows are committed.
        var rows = _rows is null ? null : OwedWithState.TryClaim();
        if (rows is not null)
        {
            try
            {
                await commits.CommitAsync([statement with { Sql = ExpectOne(statement.Sql) }, .. _rows!.Statements(rows.Rows)]);
            }
            catch (PostgresException e) when (e.SqlState == StaleState)
            {
                throw Inconsistent("write", stateName, grainId, grainState.ETag);
            }

            // The live events are not written here: PostgreSQL's stream grains give their events positions.
            rows.MarkCommitted(rows: true, events: null);
        }
        else
        {
            var affected = await commits.CommitAsync([statement]);
            if (affected[0] != 1) throw Inconsistent("write", stateName, grainId, grainState.ETag);
        }

        grainState.ETag = ((version ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Version(grainState.ETag, stateName, grainId) is { } read)
        {
            var affected = await commits.CommitAsync([new PostgreSqlStatement(Clear, [.. KeyParameters(stateName, grainId), new() { Value = read }])]);
            if (affected[0] != 1) throw Inconsistent("clear", stateName, grainId, grainState.ETag);
            grainState.ETag = (read + 1).ToString(CultureInfo.InvariantCulture);
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }

    /// <summary>
    /// The key columns as Orleans' ADO.NET provider fills them: a Guid key's bytes as two 64-bit halves, an
    /// integer key in the second, a string key (or a key extension) in the extension column; the id hash over
    /// the key's bytes (and the extension's), reversed on little-endian machines, the type hash over the state
    /// name, both with Orleans' stable hash.
    /// </summary>
    private List<NpgsqlParameter> KeyParameters(string stateName, GrainId grainId)
    {
        // The provider reduces a generic type name to its base form; the platform's state names are never generic.
        if (stateName.Contains('`', StringComparison.Ordinal))
            throw new NotSupportedException($"State name '{stateName}' is a generic type name, which this storage does not reduce as Orleans' ADO.NET provider does.");

        long n0 = 0, n1 = 0;
        string? extension;
        byte[]? keyBytes;
        if (grainId.TryGetGuidKey(out var guid, out extension))
        {
            keyBytes = guid.ToByteArray();
            (n0, n1) = (BitConverter.ToInt64(keyBytes, 0), BitConverter.ToInt64(keyBytes, 8));
        }
        else if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            n1 = integer;
            keyBytes = BitConverter.GetBytes(integer);
        }
        else
        {
            extension = grainId.Key.ToString();
            keyBytes = null;
        }

        byte[] hashed = keyBytes is null ? Encoding.UTF8.GetBytes(extension!) : extension is null ? keyBytes : [.. keyBytes, .. Encoding.UTF8.GetBytes(extension)];
        if (BitConverter.IsLittleEndian) Array.Reverse(hashed);
        return
        [
            new() { Value = Hasher.Hash(hashed) },
            new() { Value = Hasher.Hash(Encoding.UTF8.GetBytes(stateName)) },
            new() { Value = n0 },
            new() { Value = n1 },
            new() { Value = stateName, NpgsqlDbType = NpgsqlDbType.Varchar },
            new() { Value = (object?)extension ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar },
            new() { Value = serviceId, NpgsqlDbType = NpgsqlDbType.Varchar },
        ];
    }

    private static int? Version(string? etag, string stateName, GrainId grainId)
    {
        if (string.IsNullOrWhiteSpace(etag)) return null;
        return int.TryParse(etag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"ETag '{etag}' of {stateName} of {grainId} is not a version of this storage.");
    }

    private InconsistentStateException Inconsistent(string operation, string stateName, GrainId grainId, string? etag) =>
        new($"Version conflict ({operation}): ServiceId={serviceId} StateName={stateName} GrainId={grainId} ETag={etag ?? "none"}.");
}
