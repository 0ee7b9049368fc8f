using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Benchmarks.Live;

namespace Matching.Benchmarks.State;

/// <summary>
/// Cost per operation as the platform fills up, against a real host process (Release, loopback):
/// publish latency with 100, 1,000 and 10,000 open projects already published; persisted bids per
/// second over HTTP at 16 and 64 connections, every bid a new (project, county); and a mixed load of
/// officers, counties and coordinators. All in one run, on the embedded profile or on PostgreSQL.
/// </summary>
internal static class BoundedStateDriver
{
    /// <summary>Runs the measurements; <c>--postgres</c> on a throwaway PostgreSQL server instead of SQLite.</summary>
    public static async Task RunAsync(string[] args)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var quick = args.Contains("--quick");
        var postgres = args.Contains("--postgres");
        int[] sizes = Option("--sizes") is { } given ? [.. given.Split(',').Select(int.Parse)] : quick ? [100, 1_000] : [100, 1_000, 10_000];
        var mixedSeconds = int.Parse(Option("--mixed-seconds") ?? (quick ? "15" : "60"));
        var only = Option("--only");
        // Seconds per bid measurement (20, or 8 with --quick); longer runs average a shared machine's swings.
        var bidSeconds = int.Parse(Option("--bid-seconds") ?? (quick ? "8" : "20"));
        NoWarmPass = args.Contains("--no-warm-pass");
        // --host-env K=V,K=V: runtime settings (the GC's) for this tree's host only, the baseline host runs without them.
        if (Option("--host-env") is { } hostEnv) LoadHost.ThisBuildEnvironment = hostEnv.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

        // --fsync: the PostgreSQL server flushes its WAL on commit as production does (the tests' server runs with fsync=off).
        var fsync = args.Contains("--fsync");
        Console.WriteLine($"Bounded state: {(postgres ? $"PostgreSQL 15 on loopback, the throwaway test server (fsync={(fsync ? "on" : "off")}, synchronous_commit on)" : "embedded profile (SQLite, WAL, synchronous=FULL)")}; " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
        // A throwaway server for the PostgreSQL run, migrated (the same one the storage tests use).
        // It counts what each bid costs the server (commits, WAL flushes, statements: PostgresCounters).
        await using var server = new Matching.Testing.PostgresServer { Settings = [.. PostgresCounters.ServerSettings, .. fsync ? ["fsync=on"] : Array.Empty<string>()] };
        if (postgres)
        {
            await server.InitializeAsync();
            if (server.SkipReason is { } reason) throw new InvalidOperationException(reason);
            await PostgresCounters.CreateExtensionAsync(server.ConnectionString);
        }

        var database = postgres ? server.ConnectionString : null;
        await using var host = await LoadHost.StartAsync(database);
        var api = await Api.SignInAsync(host.Address);
        if (only == "inbox")
        {
            await InboxSizeDriver.RunAsync(api, host, Option("--baseline"), Option("--inbox-sizes") is { } inboxSizes ? [.. inboxSizes.Split(',').Select(int.Parse)] : [100, 10_000]);
            return;
        }

        if (Option("--baseline") is { } baseline)
        {
            if (only == "mixed") await CompareMixedAsync(api, host, baseline, TimeSpan.FromSeconds(mixedSeconds), MixedFill.Parse(Option("--fill")));
            else
            {
                // On PostgreSQL the baseline gets a database of its own on the same server, migrated like the first.
                var baselineDatabase = postgres ? await server.CreateDatabaseAsync("matching_baseline") : null;
                if (baselineDatabase is not null) await PostgresCounters.CreateExtensionAsync(baselineDatabase);
                await CompareBidsAsync(api, host, database, baseline, baselineDatabase, TimeSpan.FromSeconds(bidSeconds), int.Parse(Option("--rounds") ?? "1"));
            }
            return;
        }

        var rows = new List<string>();
        if (only is null or "publish")
        {
            var published = 0;
            foreach (var size in sizes)
            {
                // Fill to the size with published projects, several officers at once.
                await Parallel.ForEachAsync(Enumerable.Range(published, size - published), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                    async (i, _) => await api.PostOpenProject(i));
                published = size;
                var drafts = new ConcurrentQueue<Guid>();
                for (var i = 0; i < 220; i++) drafts.Enqueue(await api.PostDraft(size * 10 + i));
                var result = await Latency.MeasureAsync(async () =>
                {
                    drafts.TryDequeue(out var id);
                    (await api.Officer.PostAsync($"/api/projects/{id}/publish", null)).EnsureSuccessStatusCode();
                }, warmup: 20, iterations: 200);
                published += 220;
                rows.Add($"| publish, {size:#,0} open projects already published | p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms, max {result.MaxMs:F1} ms |");
                Console.WriteLine(rows[^1]);
            }
        }

        if (only is null or "bids")
        {
            foreach (var connections in new[] { 16, 64 })
            {
                var result = await Bids(api, host, connections, TimeSpan.FromSeconds(bidSeconds), database);
                rows.Add($"| persisted bids over HTTP, {connections} connections | {result} |");
                Console.WriteLine(rows[^1]);
            }
        }

        if (only is null or "mixed")
        {
            var serial = 3_000_000;
            foreach (var (form, minThink, maxThink) in MixedForms)
            {
                var mixed = (await Mixed(api, TimeSpan.FromSeconds(mixedSeconds), form, minThink, maxThink, host.Process.Pid, serial)).Rows;
                serial += 1_000_000;
                rows.AddRange(mixed);
                foreach (var row in mixed) Console.WriteLine(row);
            }
        }

        Console.WriteLine();
        Console.WriteLine("| measure | result |");
        Console.WriteLine("|---|---|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine($"| host RSS at the end | {host.ResidentMiB():F0} MiB |");
    }

    /// <summary>A bid measurement, with the CPU time the host process and this driver spent per bid (user + system, all cores).</summary>
    private sealed record Throughput(int Count, int Errors, double PerSecond, double P50Ms, double P99Ms, double HostCpuMsPerBid, double DriverCpuMsPerBid)
    {
        public override string ToString() =>
            $"{PerSecond:F0}/s, p50 {P50Ms:F1} ms, p99 {P99Ms:F1} ms ({Count:#,0} bids, {Errors} errors); CPU per bid: host {HostCpuMsPerBid:F2} ms, driver {DriverCpuMsPerBid:F2} ms";
    }

    /// <summary>
    /// Persisted bids on this tree's host and on another build's (<c>--baseline path/to/Matching.Host.dll</c>),
    /// both running, measured alternately (baseline, this, at 16 then 64 connections, <paramref name="rounds"/>
    /// times), so that a machine shared with other work loads both alike; prints each figure, the ratios of
    /// bids/s and of host CPU per bid, and the load average.
    /// </summary>
    private static async Task CompareBidsAsync(Api api, LoadHost host, string? database, string baselineAssembly, string? baselineDatabase, TimeSpan duration, int rounds)
    {
        await using var other = await LoadHost.StartAsync(baselineDatabase, hostAssembly: Path.GetFullPath(baselineAssembly));
        var baseline = await Api.SignInAsync(other.Address);
        // One unreported pass on each host first: on a loaded machine a fresh host's bid path was still
        // being optimised after the 5 s warm-up, and the first measured pair read 1.7× where the warm
        // second read 0.9–1.0× (README, branch bidrate). --no-warm-pass skips it.
        if (!NoWarmPass)
        {
            Console.Error.WriteLine("  warm pass (not reported)");
            await Bids(baseline, other, 16, duration, baselineDatabase);
            await Bids(api, host, 16, duration, database);
        }

        var rows = new List<string>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var connections in new[] { 16, 64 })
            {
                var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
                var before = await Bids(baseline, other, connections, duration, baselineDatabase);
                var after = await Bids(api, host, connections, duration, database);
                var end = File.ReadAllText("/proc/loadavg").Split(' ')[0];
                rows.Add($"| {connections} connections, baseline | {before} | load {load} |");
                rows.Add($"| {connections} connections, this build | {after}; {after.PerSecond / before.PerSecond:F2}× the baseline's bids/s, {after.HostCpuMsPerBid / before.HostCpuMsPerBid:F2}× its host CPU per bid | load {end} |");
                Console.WriteLine(rows[^2]);
                Console.WriteLine(rows[^1]);
            }
        }

        Console.WriteLine();
        Console.WriteLine("| persisted bids over HTTP | result | 1-minute load average |");
        Console.WriteLine("|---|---|---|");
        foreach (var row in rows) Console.WriteLine(row);
    }

    /// <summary>
    /// The mixed load on this tree's host and on another build's (<c>--baseline … --only mixed</c>), both
    /// running on fresh stores, in both forms (<see cref="MixedForms"/>), baseline first in each: each reader's
    /// figures side by side with the p99 ratio, so that a machine shared with other work is read by ratios,
    /// not absolute figures.
    /// </summary>
    private static async Task CompareMixedAsync(Api api, LoadHost host, string baselineAssembly, TimeSpan duration, MixedFill? fill)
    {
        await using var other = await LoadHost.StartAsync(hostAssembly: Path.GetFullPath(baselineAssembly));
        var baseline = await Api.SignInAsync(other.Address);
        if (fill is not null)
        {
            // Both stores filled alike before either is measured, so that neither host's background work
            // (index merges, commits) from the fill overlaps the other's measurement more than its own.
            foreach (var (target, name) in new[] { (baseline, "baseline"), (api, "this build") })
            {
                var watch = Stopwatch.StartNew();
                await fill.ApplyAsync(target);
                Console.Error.WriteLine($"  filled {name}: {fill} in {watch.Elapsed.TotalSeconds:F0} s");
            }
        }

        var tables = new List<string>();
        var serial = 3_000_000;
        foreach (var (form, minThink, maxThink) in MixedForms)
        {
            var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            var before = await Mixed(baseline, duration, form, minThink, maxThink, other.Process.Pid, serial);
            var middle = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            var after = await Mixed(api, duration, form, minThink, maxThink, host.Process.Pid, serial);
            var end = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            serial += 1_000_000;

            tables.Add(string.Empty);
            tables.Add($"| mixed load, {form}, 50 clients, {duration.TotalSeconds:F0} s | baseline (load {load} → {middle}) | this build (load {middle} → {end}) | p99 ratio |");
            tables.Add("|---|---|---|---|");
            foreach (var kind in before.Kinds.Keys.Union(after.Kinds.Keys).Order(StringComparer.Ordinal))
            {
                var (b, a) = (before.Kinds.GetValueOrDefault(kind), after.Kinds.GetValueOrDefault(kind));
                tables.Add($"| {kind} | {b?.ToString() ?? "-"} | {a?.ToString() ?? "-"} | {(b is null || a is null ? "-" : $"{a.P99Ms / b.P99Ms:F2}×")} |");
            }

            foreach (var row in tables[^(before.Kinds.Keys.Union(after.Kinds.Keys).Count() + 3)..]) Console.WriteLine(row);
        }

        Console.WriteLine();
        foreach (var row in tables) Console.WriteLine(row);
    }

    /// <summary>One reader's (or writer's) figures in a mixed load.</summary>
    private sealed record KindFigures(int Count, double PerSecond, double P50Ms, double P99Ms, int Errors)
    {
        public override string ToString() => $"{Count:#,0} ({PerSecond:F0}/s), p50 {P50Ms:F1} ms, p99 {P99Ms:F1} ms, errors {Errors}";
    }

    /// <summary>
    /// Closed loop: each connection places its next bid when the previous one is answered; every bid a new
    /// (project, county). The first <see cref="BidWarmup"/> are not measured: the host's bid path is
    /// jitted and tiered up by then (on a loaded machine tier-up of a cold path takes many seconds, and
    /// both builds of an A/B run would be measured half in unoptimised code).
    /// </summary>
    /// On PostgreSQL (<paramref name="database"/>), prints what the measured bids cost the server per bid.
    private static async Task<Throughput> Bids(Api api, LoadHost host, int connections, TimeSpan duration, string? database = null)
    {
        // Enough open projects that no (project, county) repeats: 136 counties bid on each.
        var estimate = (int)((duration + BidWarmup).TotalSeconds * 3_000);
        var projects = new List<Guid>();
        var needed = estimate / api.Counties.Count + 1;
        await Parallel.ForEachAsync(Enumerable.Range(0, needed), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var id = await api.PostOpenProject(1_000_000 + connections * 100_000 + i, fitsNobody: true);
            lock (projects) projects.Add(id);
        });
        var pairs = new ConcurrentQueue<(Guid Project, string County)>(
            projects.SelectMany(p => api.Counties.Select(c => (p, c))).OrderBy(_ => Random.Shared.Next()));
        var samples = new ConcurrentBag<double>();
        var errors = 0;

        async Task Run(TimeSpan span, bool measured)
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
            {
                while (clock.Elapsed < span && pairs.TryDequeue(out var pair))
                {
                    var start = Stopwatch.GetTimestamp();
                    using var response = await api.County(pair.County).PostAsJsonAsync($"/api/projects/{pair.Project}/bids", new
                    {
                        county = pair.County, landMu = 0, energyTce = 100, deliveryMonths = 12, commitments = "专班服务，代办审批手续", note = "吞吐测试",
                    });
                    if (!measured) continue;
                    if (response.IsSuccessStatusCode) samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    else if (Interlocked.Increment(ref errors) <= 3) Console.Error.WriteLine($"  bid refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }));
        }

        await Run(BidWarmup, measured: false);
        var (hostCpu, driverCpu) = (host.CpuTime(), Process.GetCurrentProcess().TotalProcessorTime);
        var counters = database is null ? null : await PostgresCounters.ReadAsync(database);
        // Progress, and the moment a profiler attached to the host (pid given) should start.
        Console.Error.WriteLine($"  bids: {connections} connections for {duration.TotalSeconds:F0} s on host pid {host.Process.Pid}");
        var watch = Stopwatch.StartNew();
        await Run(duration, measured: true);
        var elapsed = watch.Elapsed.TotalSeconds;
        var (hostSpent, driverSpent) = (host.CpuTime() - hostCpu, Process.GetCurrentProcess().TotalProcessorTime - driverCpu);
        var sorted = samples.Order().ToArray();
        if (counters is not null)
            foreach (var line in (await PostgresCounters.ReadAsync(database!)).PerBid(counters, sorted.Length + errors)) Console.WriteLine("  " + line);
        var count = Math.Max(1, sorted.Length + errors);
        return new Throughput(sorted.Length, errors, sorted.Length / elapsed, Latency.Percentile(sorted, 0.5), Latency.Percentile(sorted, 0.99),
            hostSpent.TotalMilliseconds / count, driverSpent.TotalMilliseconds / count);
    }

    /// <summary>Whether <c>--baseline</c> bid comparisons skip their unreported warm pass on each host.</summary>
    private static bool NoWarmPass { get; set; }

    /// <summary>Bids placed before each bid measurement starts, not measured.</summary>
    private static readonly TimeSpan BidWarmup = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The two forms of "50 concurrent clients". Saturation: every client sends its next request the moment the
    /// previous one is answered (no pause), so the figure is what 2 cores shared with the driver give at full
    /// load. Paced: every client pauses a think time drawn uniformly from 1–2 s after each answer, as a load
    /// test of interactive users does; an official clicking every 1–2 s without pause is already a generous
    /// (busy) user, people read a page for longer than that.
    /// </summary>
    internal static readonly (string Name, TimeSpan MinThink, TimeSpan MaxThink)[] MixedForms =
    [
        ("saturation, no pause", TimeSpan.Zero, TimeSpan.Zero),
        ("paced, 1–2 s think time", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)),
    ];

    /// <summary>The query the workbench's inbox screen sends (src/Matching.Web/src/views/county/Inbox.tsx): open and contested projects, newest first, a page of 20.</summary>
    private const string InboxScreen = "status=open,contested&sort=at&order=desc&take=20";

    /// <summary>The query the workbench's contest board sends (src/Matching.Web/src/views/coordinator/ContestBoard.tsx): most bids first, a page of 20.</summary>
    private const string BoardScreen = "sort=bids&order=desc&take=20";

    /// <summary>
    /// 50 clients for the duration: 8 officers post and publish, 8 read matches; 12 counties read their inbox,
    /// 12 bid; 5 coordinators read the contest board, 5 the overview. Each pauses between
    /// <paramref name="minThink"/> and <paramref name="maxThink"/> after each answer (zero: no pause).
    /// </summary>
    private static async Task<(IReadOnlyList<string> Rows, IReadOnlyDictionary<string, KindFigures> Kinds)> Mixed(
        Api api, TimeSpan duration, string form, TimeSpan minThink, TimeSpan maxThink, int? hostPid = null, int serialBase = 3_000_000)
    {
        var open = new ConcurrentBag<Guid>();
        for (var i = 0; i < 40; i++) open.Add(await api.PostOpenProject(serialBase - 1_000_000 + i));
        var samples = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var errors = new ConcurrentDictionary<string, int>();
        // Progress, and the moment a profiler attached to the host (pid given) should start.
        Console.Error.WriteLine($"  mixed load, {form}: {duration.TotalSeconds:F0} s{(hostPid is { } pid ? $" on host pid {pid}" : string.Empty)}");
        var clock = Stopwatch.StartNew();
        var serial = serialBase;
        async Task Loop(string kind, Func<Task<HttpResponseMessage>> call)
        {
            // Paced clients start spread over one think time, not all in the same instant.
            if (maxThink > TimeSpan.Zero) await Task.Delay(Random.Shared.NextDouble() * maxThink);
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                using (var response = await call())
                {
                    var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    // A second bid of one county on one project replaces the first; a settled project refuses bids (409): both are answers, not errors.
                    if (response.IsSuccessStatusCode || (kind == "county: bid" && response.StatusCode == System.Net.HttpStatusCode.Conflict))
                        samples.GetOrAdd(kind, _ => []).Add(ms);
                    else
                    {
                        errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
                        if (errors[kind] <= 2) Console.Error.WriteLine($"  {kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }

                if (maxThink > TimeSpan.Zero) await Task.Delay(minThink + Random.Shared.NextDouble() * (maxThink - minThink));
            }
        }

        Guid AnyOpen() => open.ElementAt(Random.Shared.Next(open.Count));
        var clients = new List<Task>();
        for (var i = 0; i < 8; i++)
        {
            clients.Add(Loop("officer: post and publish", async () =>
            {
                var id = await api.PostDraft(Interlocked.Increment(ref serial));
                var response = await api.Officer.PostAsync($"/api/projects/{id}/publish", null);
                if (response.IsSuccessStatusCode) open.Add(id);
                return response;
            }));
            clients.Add(Loop("officer: read matches", () => api.Officer.GetAsync($"/api/projects/{AnyOpen()}/matches")));
        }

        for (var i = 0; i < 24; i++)
        {
            // Each client's own county and role (a loop variable captured by the lambda would be read after the loop moved on).
            var county = api.Counties[i * 5 % api.Counties.Count];
            var reads = i % 2 == 0;
            clients.Add(Loop(reads ? "county: read inbox" : "county: bid", () => reads
                ? api.County(county).GetAsync($"/api/counties/{county}/inbox?{InboxScreen}")
                : api.County(county).PostAsJsonAsync($"/api/projects/{AnyOpen()}/bids", new
                {
                    county, landMu = 0, energyTce = 100, deliveryMonths = 12, commitments = "专班服务", note = "混合负载",
                })));
        }

        for (var i = 0; i < 5; i++)
        {
            clients.Add(Loop("coordinator: contest board", () => api.Coordinator.GetAsync($"/api/contests?{BoardScreen}")));
            clients.Add(Loop("coordinator: overview", () => api.Coordinator.GetAsync("/api/overview")));
        }

        await Task.WhenAll(clients);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = samples.Values.SelectMany(s => s).Order().ToArray();
        var rows = new List<string>
        {
            $"| mixed load, {form}, {clients.Count} clients for {duration.TotalSeconds:F0} s | {all.Length:#,0} requests ({all.Length / seconds:F0}/s), p50 {Latency.Percentile(all, 0.5):F1} ms, p99 {Latency.Percentile(all, 0.99):F1} ms, errors {errors.Values.Sum()} |",
        };
        var kinds = new Dictionary<string, KindFigures>(StringComparer.Ordinal)
        {
            ["all"] = new(all.Length, all.Length / seconds, Latency.Percentile(all, 0.5), Latency.Percentile(all, 0.99), errors.Values.Sum()),
        };
        foreach (var (kind, bag) in samples.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var sorted = bag.Order().ToArray();
            kinds[kind] = new(sorted.Length, sorted.Length / seconds, Latency.Percentile(sorted, 0.5), Latency.Percentile(sorted, 0.99), errors.GetValueOrDefault(kind));
            rows.Add($"| · {kind} | {kinds[kind]} |");
        }

        return (rows, kinds);
    }

    /// <summary>Signed-in clients of the seeded accounts.</summary>
    internal sealed class Api
    {
        private readonly Dictionary<string, HttpClient> _counties = [];

        private Api(HttpClient officer, HttpClient coordinator, IReadOnlyList<string> counties, Dictionary<string, HttpClient> byCounty) =>
            (Officer, Coordinator, Counties, _counties) = (officer, coordinator, counties, byCounty);

        public HttpClient Officer { get; }
        public HttpClient Coordinator { get; }
        public IReadOnlyList<string> Counties { get; }

        public HttpClient County(string adcode) => _counties[adcode];

        public static async Task<Api> SignInAsync(Uri address)
        {
            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            async Task<HttpClient> As(string user)
            {
                var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
                var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = Matching.Testing.HostProcess.SeedPassword });
                response.EnsureSuccessStatusCode();
                var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                return client;
            }

            var coordinator = await As("coordinator");
            var counties = (await coordinator.GetFromJsonAsync<JsonArray>("/api/counties"))!.Select(c => c!["adcode"]!.GetValue<string>()).ToArray();
            var byCounty = new Dictionary<string, HttpClient>();
            foreach (var county in counties) byCounty[county] = await As("county-" + county);
            return new Api(await As("officer"), coordinator, counties, byCounty);
        }

        public async Task<Guid> PostDraft(int i, bool fitsNobody = false)
        {
            // A varied mix, like a real desk: several industries, sizes and investors; or, for the bid
            // measurement, a project no county's profile fits, so that bids measure bids, not fan-out.
            string[] industries = ["3670", "3841", "2614", "3911", "1761", "3512", "2710", "5920"];
            var created = await Officer.PostAsJsonAsync("/api/projects", new JsonObject
            {
                ["title"] = $"负载测试项目 {i}",
                ["description"] = "负载测试",
                ["industryCode"] = fitsNobody ? "9011" : industries[i % industries.Length],
                ["investment"] = 10_000 + i % 50 * 1_000,
                ["landMu"] = 0,
                ["energyTce"] = 100,
                ["jobs"] = 200,
                ["expectedTax"] = 1000,
                ["highEnergy"] = false,
                ["investor"] = new JsonObject { ["name"] = $"负载测试投资方{i % 500}有限公司", ["kind"] = "private" },
            });
            created.EnsureSuccessStatusCode();
            return (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        }

        public async Task<Guid> PostOpenProject(int i, bool fitsNobody = false)
        {
            var id = await PostDraft(i, fitsNobody);
            (await Officer.PostAsync($"/api/projects/{id}/publish", null)).EnsureSuccessStatusCode();
            return id;
        }
    }
}
