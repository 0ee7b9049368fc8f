using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Benchmarks.Live;
using Matching.Contracts.Persistence;
using Matching.Domain;
using Matching.Domain.Agreements;

namespace Matching.Benchmarks.Reports;

/// <summary>
/// The yearly county report's latency (<c>GET /api/reports/counties/{adcode}</c>) for a county with 100
/// and with 10,000 agreements of the year, on this tree's host and on a baseline build
/// (<c>--baseline path/to/Matching.Host.dll</c>), all in one run: each build on its own PostgreSQL
/// database seeded with the same agreement rows (as the agreement book stores them), both running,
/// measured alternately so that a busy machine loads both alike. Reported as medians and ratios.
/// </summary>
internal static class CountyReportDriver
{
    private const string County = "371002"; // 环翠区
    private static readonly string[] Partners = ["371082", "371003", "370102"];

    public static async Task RunAsync(string[] args)
    {
        if (args.Contains("--settled"))
        {
            await SettledReportDriver.RunAsync(args);
            return;
        }

        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int[] sizes = Option("--sizes") is { } given ? [.. given.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : [100, 10_000];
        var iterations = int.Parse(Option("--iterations") ?? "20", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option("--rounds") ?? "3", CultureInfo.InvariantCulture);
        var baseline = Option("--baseline");
        // --host: this tree's host already built (Release), instead of building it before each start.
        var thisHost = Option("--host") is { } built ? Path.GetFullPath(built) : null;
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        Console.WriteLine($"Yearly county report: PostgreSQL 15 on loopback (throwaway server, fsync=off); {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        await using var server = new Matching.Testing.PostgresServer();
        await server.InitializeAsync();
        if (server.SkipReason is { } reason) throw new InvalidOperationException(reason);

        var builds = baseline is null ? new[] { ("this", thisHost) } : [("baseline", Path.GetFullPath(baseline)), ("this", thisHost)];
        var medians = new Dictionary<(string Build, int Size), List<double>>();
        foreach (var size in sizes)
        {
            var hosts = new List<(string Build, LoadHost Host, HttpClient Coordinator)>();
            try
            {
                foreach (var (build, assembly) in builds)
                {
                    var database = await server.CreateDatabaseAsync($"report_{build}_{size}");
                    await SeedAsync(database, size, year);
                    var host = await LoadHost.StartAsync(database, assembly);
                    var coordinator = await SignInAsync(host.Address);
                    // The first report waits for the start's backfill (this build counts the stored agreements once).
                    var first = Stopwatch.StartNew();
                    var figures = await ReportAsync(coordinator, year);
                    Console.WriteLine($"  {build}, {size:#,0} agreements: first report {first.Elapsed.TotalMilliseconds:F0} ms (after start), official investment {figures["officialInvestment"]:#,0.##}, assessment tax {figures["assessmentTax"]:#,0.##} 万元");
                    hosts.Add((build, host, coordinator));
                }

                if (hosts.Count == 2)
                {
                    var (a, b) = (await ReportAsync(hosts[0].Coordinator, year), await ReportAsync(hosts[1].Coordinator, year));
                    Console.WriteLine($"  same figures on both builds: {a.OrderBy(p => p.Key).SequenceEqual(b.OrderBy(p => p.Key))}");
                }

                for (var round = 0; round < rounds; round++)
                    foreach (var (build, _, coordinator) in hosts)
                    {
                        var result = await Latency.MeasureAsync(async () => await ReportAsync(coordinator, year), warmup: 3, iterations: iterations);
                        (medians.TryGetValue((build, size), out var list) ? list : medians[(build, size)] = []).Add(result.P50Ms);
                        Console.WriteLine($"  round {round + 1}, {build}, {size:#,0} agreements: p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms");
                    }
            }
            finally
            {
                foreach (var (_, host, _) in hosts) await host.DisposeAsync();
            }
        }

        double Median(string build, int size)
        {
            var values = medians[(build, size)].Order().ToArray();
            return values[values.Length / 2];
        }

        Console.WriteLine();
        Console.WriteLine($"| build | {string.Join(" | ", sizes.Select(s => $"{s:#,0} agreements, p50"))} | {sizes[^1]:#,0} / {sizes[0]:#,0} |");
        Console.WriteLine($"|---|{string.Concat(sizes.Select(_ => "---|"))}---|");
        foreach (var (build, _) in builds)
            Console.WriteLine($"| {build} | {string.Join(" | ", sizes.Select(s => $"{Median(build, s):F1} ms"))} | {Median(build, sizes[^1]) / Median(build, sizes[0]):F2}× |");
        if (baseline is not null)
            Console.WriteLine($"| this / baseline | {string.Join(" | ", sizes.Select(s => $"{Median("this", s) / Median("baseline", s):F3}×"))} | |");
        Console.WriteLine($"| load average at the end | {File.ReadAllText("/proc/loadavg").Trim()} | |");
    }

    /// <summary>Agreements of the year hosted by the county (with one partner each), and each one's recorded figures for the year.</summary>
    private static async Task SeedAsync(string database, int size, int year)
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(database);
        var rows = new Matching.Storage.PostgreSql.PostgreSqlRowStore(source);
        var random = new Random(size);
        var on = new DateOnly(year, 6, 30);
        foreach (var chunk in Enumerable.Range(0, size).Chunk(500))
        {
            var agreements = new List<RowWrite>();
            var figures = new List<RowWrite>();
            foreach (var i in chunk)
            {
                var partner = Partners[i % Partners.Length];
                var percent = 10 + i % 30;
                var agreement = new Agreement(Guid.NewGuid(), $"报告基准项目 {i}", AgreementKind.CoBuild, County, [new(County, 100 - percent), new(partner, percent)], "自定义",
                    year - i % 3, 3, SharedIndicators.All, 1, "coordinator", DateTimeOffset.UtcNow.AddSeconds(-i));
                var id = agreement.ProjectId.ToString("N");
                agreements.Add(RowWrite.Put("all", id, agreement.MadeAt.ToString("O"), JsonSerializer.Serialize(agreement, MatchingJson.Options)));
                RealisedAmount[] amounts =
                [
                    new(SharedIndicator.FixedAssetInvestment, on, Math.Round((decimal)random.NextDouble() * 5_000, 2), "县统计局年报", "coordinator"),
                    new(SharedIndicator.OutputValue, on, Math.Round((decimal)random.NextDouble() * 20_000, 2), "县统计局年报", "coordinator"),
                    new(SharedIndicator.RetainedTax, on, Math.Round((decimal)random.NextDouble() * 800, 2), "县统计局年报", "coordinator"),
                ];
                var key = year.ToString("D4", CultureInfo.InvariantCulture);
                figures.Add(RowWrite.Put(id, key, key, JsonSerializer.Serialize(amounts, MatchingJson.Options)));
            }

            await rows.WriteAsync([new RowBatch("agreements", agreements), new RowBatch("agreement-figures", figures)]);
        }
    }

    private static async Task<Dictionary<string, decimal>> ReportAsync(HttpClient coordinator, int year)
    {
        var report = (await coordinator.GetFromJsonAsync<JsonObject>($"/api/reports/counties/{County}?year={year}"))!;
        return report["indicators"]!.AsArray().ToDictionary(i => i!["key"]!.GetValue<string>(), i => i!["value"]!.GetValue<decimal>());
    }

    private static async Task<HttpClient> SignInAsync(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = "coordinator", password = Matching.Testing.HostProcess.SeedPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
