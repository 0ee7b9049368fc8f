using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Benchmarks.Live;
using Npgsql;

namespace Matching.Benchmarks.Reports;

/// <summary>
/// The yearly county report's latency (<c>GET /api/reports/counties/{adcode}</c>) for a county leading 100
/// and 10,000 settled projects of the year (<c>report --settled</c>), on this tree's host and on a baseline
/// build, in one run. The projects are settled through the API of this tree's host (posted, published,
/// awarded or co-built, some with 签约 and 开工 confirmed, each with its evidence file), once per size; that
/// database is then copied (<c>CREATE DATABASE … TEMPLATE</c>) for each build, so both read the same rows,
/// and each build starts on an empty data folder, so it rebuilds its own search index from the projects'
/// grain state before it answers. Measured alternately, so a busy machine loads both alike.
/// </summary>
internal static class SettledReportDriver
{
    private const string County = "371002"; // 环翠区, the landing (lead) county of every seeded project
    private const string Partner = "371082"; // 荣成市, a co-build's partner
    private static readonly string[] Industries = ["3670", "3841", "2614", "3911", "1761", "3512", "2710", "5920"];
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
    private static readonly string[] Shown = ["hosted", "led", "hostedInvestment", "signed", "started", "divisions"];

    public static async Task RunAsync(string[] args)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int[] sizes = Option("--sizes") is { } given ? [.. given.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : [100, 10_000];
        var iterations = int.Parse(Option("--iterations") ?? "20", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option("--rounds") ?? "3", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Option("--concurrency") ?? "16", CultureInfo.InvariantCulture);
        var baseline = Option("--baseline");
        var thisHost = Option("--host") is { } built ? Path.GetFullPath(built) : null;
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        Console.WriteLine($"Yearly county report, settled projects: PostgreSQL 15 on loopback (throwaway server, fsync=off); {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Trim()}");

        await using var server = new Matching.Testing.PostgresServer();
        await server.InitializeAsync();
        if (server.SkipReason is { } reason) throw new InvalidOperationException(reason);

        var builds = baseline is null ? new[] { ("this", thisHost) } : [("baseline", Path.GetFullPath(baseline)), ("this", thisHost)];
        var medians = new Dictionary<(string Build, int Size), List<double>>();
        var p99s = new Dictionary<(string Build, int Size), List<double>>();
        foreach (var size in sizes)
        {
            var seed = await server.CreateDatabaseAsync($"settled_seed_{size}");
            await using (var seeding = await LoadHost.StartAsync(seed, thisHost))
            {
                var clock = Stopwatch.StartNew();
                await SettleAsync(seeding.Address, size, concurrency);
                Console.WriteLine($"  {size:#,0} settled projects seeded through the API in {clock.Elapsed.TotalSeconds:F0} s ({size / clock.Elapsed.TotalSeconds:F1} projects/s, {concurrency} at a time)");
            }

            var hosts = new List<(string Build, LoadHost Host, HttpClient Coordinator)>();
            try
            {
                foreach (var (build, assembly) in builds)
                {
                    var database = await CopyAsync(server.ConnectionString, seed, $"settled_{build}_{size}");
                    var start = Stopwatch.StartNew();
                    var host = await LoadHost.StartAsync(database, assembly, TimeSpan.FromMinutes(15));
                    hosts.Add((build, host, await SignInAsync(host.Address, "coordinator")));
                    // The empty data folder's index is rebuilt from grain state at start; the baseline reads the index, so wait until it shows them all.
                    var figures = await ReportAsync(hosts[^1].Coordinator, year);
                    while (figures["led"] < size && start.Elapsed < TimeSpan.FromMinutes(15))
                    {
                        await Task.Delay(2_000);
                        figures = await ReportAsync(hosts[^1].Coordinator, year);
                    }

                    Console.WriteLine($"  {build}, {size:#,0} settled projects: full report {start.Elapsed.TotalSeconds:F0} s after start; {string.Join(", ", Shown.Select(k => $"{k} {figures[k]:#,0.##}"))}");
                }

                if (hosts.Count == 2)
                {
                    var (a, b) = (await ReportAsync(hosts[0].Coordinator, year), await ReportAsync(hosts[1].Coordinator, year));
                    var differ = a.Where(p => b.GetValueOrDefault(p.Key) != p.Value).Select(p => $"{p.Key} {p.Value} vs {b.GetValueOrDefault(p.Key)}").ToArray();
                    Console.WriteLine($"  same figures on both builds: {differ.Length == 0}{(differ.Length == 0 ? "" : ": " + string.Join("; ", differ))}");
                }

                for (var round = 0; round < rounds; round++)
                    foreach (var (build, _, coordinator) in hosts)
                    {
                        var result = await Latency.MeasureAsync(async () => await ReportAsync(coordinator, year), warmup: 3, iterations: iterations);
                        (medians.TryGetValue((build, size), out var list) ? list : medians[(build, size)] = []).Add(result.P50Ms);
                        (p99s.TryGetValue((build, size), out var tails) ? tails : p99s[(build, size)] = []).Add(result.P99Ms);
                        Console.WriteLine($"  round {round + 1}, {build}, {size:#,0} settled projects: p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms");
                    }
            }
            finally
            {
                foreach (var (_, host, _) in hosts) await host.DisposeAsync();
            }
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        double P50(string build, int size) => Median(medians[(build, size)]);

        Console.WriteLine();
        Console.WriteLine($"| build | {string.Join(" | ", sizes.Select(s => $"{s:#,0} settled, p50 (p99)"))} | {sizes[^1]:#,0} / {sizes[0]:#,0} |");
        Console.WriteLine($"|---|{string.Concat(sizes.Select(_ => "---|"))}---|");
        foreach (var (build, _) in builds)
            Console.WriteLine($"| {build} | {string.Join(" | ", sizes.Select(s => $"{P50(build, s):F1} ms ({Median(p99s[(build, s)]):F1} ms)"))} | {P50(build, sizes[^1]) / P50(build, sizes[0]):F2}× |");
        if (baseline is not null)
            Console.WriteLine($"| this / baseline | {string.Join(" | ", sizes.Select(s => $"{P50("this", s) / P50("baseline", s):F3}×"))} | |");
        Console.WriteLine($"| load average at the end | {File.ReadAllText("/proc/loadavg").Trim()} | |");
    }

    /// <summary>
    /// <paramref name="size"/> projects settled at the county through the API: three in four awarded, one in four
    /// co-built with a partner (the county leading); one in ten with 签约 confirmed, one in twenty also 开工.
    /// </summary>
    private static async Task SettleAsync(Uri address, int size, int concurrency)
    {
        var officer = await SignInAsync(address, "officer");
        var coordinator = await SignInAsync(address, "coordinator");
        var county = await SignInAsync(address, "county-" + County);
        var park = (await officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={County}"))![0]!["id"]!.GetValue<string>();
        var next = -1;
        var failures = 0;

        async Task Settle(int i)
        {
            var created = await Ok(await officer.PostAsJsonAsync("/api/projects", new JsonObject
            {
                ["title"] = $"报告基准落地项目 {i}",
                ["description"] = "年度报告基准",
                ["industryCode"] = Industries[i % Industries.Length],
                ["investment"] = 10_000 + i % 50 * 1_000,
                ["landMu"] = 0,
                ["energyTce"] = 2, // 10,000 projects stay within the county's energy quota (50,000 tce a year)
                ["jobs"] = 200,
                ["expectedTax"] = 1000,
                ["highEnergy"] = false,
                ["investor"] = new JsonObject { ["name"] = $"报告基准投资方{i % 500}有限公司", ["kind"] = "private" },
            }));
            var id = created["id"]!.GetValue<Guid>();
            var published = await Ok(await officer.PostAsync($"/api/projects/{id}/publish", null));
            var terms = i % 4 == 3
                ? new JsonObject
                {
                    ["kind"] = "cobuild", ["county"] = County, ["parkId"] = park, ["years"] = 5, ["reason"] = "两地共建", ["assignsNonBidder"] = true,
                    ["shares"] = new JsonArray(new JsonObject { ["county"] = County, ["percent"] = 60 }, new JsonObject { ["county"] = Partner, ["percent"] = 40 }),
                }
                : new JsonObject { ["kind"] = "award", ["county"] = County, ["parkId"] = park, ["reason"] = "产业配套最完善", ["assignsNonBidder"] = true };
            terms["expectedVersion"] = published["version"]?.GetValue<long>() ?? (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}"))!["version"]!.GetValue<long>();
            await Ok(await coordinator.PostAsJsonAsync($"/api/projects/{id}/decision", terms));
            if (i % 10 != 0) return;

            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(Pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "证明.pdf");
            var attachment = (await Ok(await county.PostAsync($"/api/projects/{id}/attachments", form)))["id"]!.GetValue<Guid>();
            var date = DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            async Task Confirmed(JsonObject stage)
            {
                stage["date"] = date;
                stage["attachmentIds"] = new JsonArray(attachment.ToString());
                var reported = await Ok(await county.PostAsJsonAsync($"/api/projects/{id}/landing/reports", stage));
                var number = reported["pending"]!.AsArray().Single()!.GetValue<int>();
                await Ok(await coordinator.PostAsJsonAsync($"/api/projects/{id}/landing/reports/{number}/confirm", new JsonObject()));
            }

            await Confirmed(new JsonObject { ["stage"] = "signed", ["contractNumber"] = $"鲁投协字〔{date[..4]}〕{i}号", ["amount"] = 10_000 + i % 50 * 1_000 });
            if (i % 20 == 0) await Confirmed(new JsonObject { ["stage"] = "started", ["permitNumber"] = $"3710022026{i:D8}" });
        }

        async Task<JsonObject> Ok(HttpResponseMessage response)
        {
            if (!response.IsSuccessStatusCode)
            {
                if (Interlocked.Increment(ref failures) <= 3) Console.WriteLine($"  {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                response.EnsureSuccessStatusCode();
            }

            return await response.Content.ReadFromJsonAsync<JsonObject>() ?? [];
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < size; i = Interlocked.Increment(ref next)) await Settle(i);
        }));
    }

    /// <summary>A copy of the seeded database (no connection may hold the template meanwhile: the seeding host has stopped).</summary>
    private static async Task<string> CopyAsync(string server, string template, string name)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        var source = new NpgsqlConnectionStringBuilder(template).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task<Dictionary<string, decimal>> ReportAsync(HttpClient coordinator, int year)
    {
        var report = (await coordinator.GetFromJsonAsync<JsonObject>($"/api/reports/counties/{County}?year={year}"))!;
        return report["indicators"]!.AsArray().ToDictionary(i => i!["key"]!.GetValue<string>(), i => i!["value"]!.GetValue<decimal>());
    }

    private static async Task<HttpClient> SignInAsync(Uri address, string user)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = Matching.Testing.HostProcess.SeedPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
