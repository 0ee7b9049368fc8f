using Matching.Testing;
using Npgsql;

namespace Matching.Cluster.Tests;

/// <summary>
/// The host's <c>migrate</c> command on an empty database, and the clustering and reminder queries of
/// infra/postgresql (003, 004) run as the providers run them: by key, with the providers' parameter names.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SchemaTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every key Orleans 10's ADO.NET clustering and reminder providers load (the last clustering key is optional).</summary>
    public static readonly string[] ProviderKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
    ];

    [Fact]
    public async Task Migrate_command_creates_every_provider_table_and_query_once()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var db = await ClusterDatabase.CreateEmptyAsync(postgres, Ct);

        var (exitCode, output) = await ClusterDatabase.MigrateAsync(db, Ct);
        Assert.True(exitCode == 0, output);
        Assert.Contains("003_orleans_clustering.sql", output);
        Assert.Contains("004_orleans_reminders.sql", output);

        var again = await ClusterDatabase.MigrateAsync(db, Ct);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Schema up to date.", again.Output);

        var keys = (await ClusterDatabase.RowsAsync(db, "SELECT querykey FROM orleansquery", Ct)).Select(r => (string)r[0]).ToHashSet();
        Assert.All(ProviderKeys, key => Assert.Contains(key, keys));
        foreach (var table in new[] { "orleansmembershipversiontable", "orleansmembershiptable", "orleansreminderstable", "orleansstorage" })
            Assert.True(await ClusterDatabase.ScalarAsync<bool>(db, $"SELECT to_regclass('{table}') IS NOT NULL", Ct), table);
    }

    [Fact]
    public async Task Membership_writes_move_the_table_version_with_the_row_or_not_at_all()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var db = await ClusterDatabase.CreateMigratedAsync(postgres, Ct);
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync(Ct);
        var queries = await Queries(connection);
        var now = DateTime.UtcNow;

        Assert.Equal(1, await Single(connection, queries["InsertMembershipVersionKey"], ("DeploymentId", "c1")));
        Assert.Equal(0, await Single(connection, queries["InsertMembershipVersionKey"], ("DeploymentId", "c1")));

        (string, object?)[] Silo(int generation, int version) =>
        [
            ("DeploymentId", "c1"), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", generation), ("SiloName", "s"),
            ("HostName", "h"), ("Status", 3), ("ProxyPort", 30000), ("StartTime", now), ("IAmAliveTime", now), ("Version", version),
        ];

        Assert.Equal(0, await Single(connection, queries["InsertMembershipKey"], Silo(1, version: 5)));    // stale version
        Assert.Equal(1, await Single(connection, queries["InsertMembershipKey"], Silo(1, version: 0)));
        Assert.Equal(0, await Single(connection, queries["InsertMembershipKey"], Silo(1, version: 1)));    // row exists: version must not move
        Assert.Equal(1, await Version(connection));
        Assert.Equal(1, await Single(connection, queries["InsertMembershipKey"], Silo(2, version: 1)));
        Assert.Equal(2, await Version(connection));

        (string, object?)[] Update(int generation, int status, string? suspects, int version) =>
        [
            ("DeploymentId", "c1"), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", generation), ("Status", status),
            ("SuspectTimes", suspects), ("IAmAliveTime", now), ("Version", version),
        ];

        Assert.Equal(0, await Single(connection, queries["UpdateMembershipKey"], Update(1, 6, "x", version: 1)));  // stale
        Assert.Equal(0, await Single(connection, queries["UpdateMembershipKey"], Update(9, 6, null, version: 2))); // no such silo
        Assert.Equal(2, await Version(connection));
        Assert.Equal(1, await Single(connection, queries["UpdateMembershipKey"], Update(1, 6, null, version: 2)));
        Assert.Equal(3, await Version(connection));

        var all = await Read(connection, queries["MembershipReadAllKey"], ("DeploymentId", "c1"));
        Assert.Equal(2, all.Count);
        Assert.All(all, row => Assert.Equal(3, row["version"]));
        Assert.Equal([6, 3], all.OrderBy(r => r["generation"]).Select(r => r["status"]));
        Assert.Equal(DateTimeKind.Utc, ((DateTime)all[0]["iamalivetime"]!).Kind);

        var one = await Read(connection, queries["MembershipReadRowKey"], ("DeploymentId", "c1"), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", 7));
        Assert.Single(one);
        Assert.Null(one[0]["starttime"]);   // no such silo: the version row alone

        var gateways = await Read(connection, queries["GatewaysQueryKey"], ("DeploymentId", "c1"), ("Status", 3));
        Assert.Equal(2, Assert.Single(gateways)["generation"]);

        // Cleanup removes the dead silo once its last heartbeat is older than the cut-off, and only it.
        await Execute(connection, queries["CleanupDefunctSiloEntriesKey"], ("DeploymentId", "c1"), ("IAmAliveTime", now.AddSeconds(1)));
        Assert.Equal([2], (await Read(connection, queries["MembershipReadAllKey"], ("DeploymentId", "c1"))).Select(r => r["generation"]));
    }

    [Fact]
    public async Task Reminder_rows_upsert_with_a_new_version_and_delete_only_with_the_version_read()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var db = await ClusterDatabase.CreateMigratedAsync(postgres, Ct);
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync(Ct);
        var queries = await Queries(connection);
        var start = new DateTime(2026, 11, 26, 8, 0, 0, DateTimeKind.Utc);

        (string, object?)[] Upsert(string grain, int hash, long period) =>
            [("ServiceId", "svc"), ("GrainId", grain), ("ReminderName", "deadline"), ("StartTime", start), ("Period", period), ("GrainHash", hash)];

        var first = await Single(connection, queries["UpsertReminderRowKey"], Upsert("project/1", -5, 60_000));
        var second = await Single(connection, queries["UpsertReminderRowKey"], Upsert("project/1", -5, 3_000_000_000));
        Assert.NotEqual(first, second);
        await Single(connection, queries["UpsertReminderRowKey"], Upsert("project/2", int.MaxValue, 60_000));

        var row = Assert.Single(await Read(connection, queries["ReadReminderRowKey"], ("ServiceId", "svc"), ("GrainId", "project/1"), ("ReminderName", "deadline")));
        Assert.Equal(3_000_000_000L, row["period"]);
        Assert.Equal(start, row["starttime"]);
        Assert.Single(await Read(connection, queries["ReadReminderRowsKey"], ("ServiceId", "svc"), ("GrainId", "project/2")));

        // (BeginHash, EndHash] in signed order, and the range wrapping around the ring's end.
        Assert.Equal(["project/1"], (await Read(connection, queries["ReadRangeRows1Key"], ("ServiceId", "svc"), ("BeginHash", -10), ("EndHash", 0))).Select(r => r["grainid"]));
        Assert.Equal(["project/2"], (await Read(connection, queries["ReadRangeRows2Key"], ("ServiceId", "svc"), ("BeginHash", 0), ("EndHash", -10))).Select(r => r["grainid"]));
        Assert.Equal(2, (await Read(connection, queries["ReadRangeRows2Key"], ("ServiceId", "svc"), ("BeginHash", 7), ("EndHash", 7))).Count);

        Assert.Equal(0, await Single(connection, queries["DeleteReminderRowKey"], ("ServiceId", "svc"), ("GrainId", "project/1"), ("ReminderName", "deadline"), ("Version", first)));
        Assert.Equal(1, await Single(connection, queries["DeleteReminderRowKey"], ("ServiceId", "svc"), ("GrainId", "project/1"), ("ReminderName", "deadline"), ("Version", second)));
        await Execute(connection, queries["DeleteReminderRowsKey"], ("ServiceId", "svc"));
        Assert.Empty(await Read(connection, queries["ReadRangeRows2Key"], ("ServiceId", "svc"), ("BeginHash", 7), ("EndHash", 7)));
    }

    private static async Task<Dictionary<string, string>> Queries(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT querykey, querytext FROM orleansquery", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var queries = new Dictionary<string, string>();
        while (await reader.ReadAsync(Ct)) queries[reader.GetString(0)] = reader.GetString(1);
        return queries;
    }

    private static async Task<int> Version(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM orleansmembershipversiontable WHERE deploymentid = 'c1'", connection);
        return (int)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>Binds parameters the way the providers do: by name, DateTime as DbType.DateTime.</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            parameter.DbType = value switch
            {
                DateTime => System.Data.DbType.DateTime,
                int => System.Data.DbType.Int32,
                long => System.Data.DbType.Int64,
                _ => System.Data.DbType.String,
            };
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async Task<int> Single(NpgsqlConnection connection, string sql, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return Convert.ToInt32(await command.ExecuteScalarAsync(Ct));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<List<Dictionary<string, object?>>> Read(NpgsqlConnection connection, string sql, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(Ct))
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        return rows;
    }
}
