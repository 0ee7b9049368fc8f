using Npgsql;

namespace Matching.Benchmarks.State;

/// <summary>
/// What one database of the benchmark's PostgreSQL server did over a measurement: transactions
/// committed (<c>pg_stat_database</c>), WAL written and flushed (<c>pg_stat_wal</c>, the server's) and each
/// statement's calls (<c>pg_stat_statements</c>, which the server loads for the benchmark), so that a bid's
/// cost on the server reads as commits, flushes and statements per bid. Statements of one Npgsql batch
/// are counted one by one; they share one round trip. The server's CPU time is that of the postmaster's
/// children (backends, WAL writer, checkpointer) read from <c>/proc</c>.
/// </summary>
internal sealed record PostgresCounters(long Commits, long WalSyncs, long WalBytes, IReadOnlyDictionary<string, long> Calls, TimeSpan ServerCpu)
{
    /// <summary>The server settings the counters need.</summary>
    public static readonly string[] ServerSettings = ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=all"];

    public static async Task CreateExtensionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
        await create.ExecuteNonQueryAsync();
    }

    public static async Task<PostgresCounters> ReadAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        long commits, syncs, bytes;
        await using (var totals = new NpgsqlCommand("""
            SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = $1), wal_sync, wal_bytes::bigint FROM pg_stat_wal
            """, connection))
        {
            totals.Parameters.AddWithValue(database);
            await using var reader = await totals.ExecuteReaderAsync();
            await reader.ReadAsync();
            (commits, syncs, bytes) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var statements = new NpgsqlCommand("""
            SELECT s.query, s.calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1
            """, connection))
        {
            statements.Parameters.AddWithValue(database);
            await using var reader = await statements.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var name = Name(reader.GetString(0));
                calls[name] = calls.GetValueOrDefault(name) + reader.GetInt64(1);
            }
        }

        int backend;
        await using (var pid = new NpgsqlCommand("SELECT pg_backend_pid()", connection)) backend = (int)(await pid.ExecuteScalarAsync())!;
        return new PostgresCounters(commits, syncs, bytes, calls, ServerCpuTime(Stat(backend)[1]));
    }

    /// <summary>Per bid between <paramref name="before"/> and this: a line of totals, then the statements by calls.</summary>
    public IReadOnlyList<string> PerBid(PostgresCounters before, int bids)
    {
        double Per(long n) => n / (double)Math.Max(1, bids);
        var lines = new List<string>
        {
            $"server per bid: {Per(Commits - before.Commits):F2} commits, {Per(WalSyncs - before.WalSyncs):F2} WAL flushes, {Per(WalBytes - before.WalBytes) / 1024:F1} KiB WAL, " +
            $"{Per(Calls.Sum(c => c.Value - before.Calls.GetValueOrDefault(c.Key))):F2} statements, {Per((long)(ServerCpu - before.ServerCpu).TotalMicroseconds) / 1000:F2} ms server CPU",
        };
        lines.AddRange(Calls.Select(c => (c.Key, Delta: c.Value - before.Calls.GetValueOrDefault(c.Key)))
            .Where(c => Per(c.Delta) >= 0.01).OrderByDescending(c => c.Delta).Select(c => $"  {Per(c.Delta),6:F2}  {c.Key}"));
        return lines;
    }

    /// <summary>User + system time of every child of the postmaster <paramref name="postmaster"/>.</summary>
    private static TimeSpan ServerCpuTime(long postmaster)
    {
        var ticks = 0L;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            try
            {
                var stat = Stat(pid);
                if (stat[1] == postmaster) ticks += stat[11] + stat[12];
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>The numeric fields of <c>/proc/PID/stat</c> after the command name: state is [0], ppid [1], utime [11], stime [12] (clock ticks of 1/100 s).</summary>
    private static long[] Stat(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        return [.. text[(text.LastIndexOf(')') + 2)..].Split(' ').Select(f => long.TryParse(f, out var n) ? n : 0)];
    }

    /// <summary>A statement's first words, on one line.</summary>
    private static string Name(string query)
    {
        var line = string.Join(' ', query.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 90 ? line : line[..90];
    }
}
