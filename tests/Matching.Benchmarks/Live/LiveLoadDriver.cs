using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Client;
using Matching.Live.Wire;
using Matching.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Matching.Benchmarks.Live;

/// <summary>
/// Live updates under load, against a real host process: many connected clients across the county
/// groups, bids at a steady (open-loop) rate, and the time from each bid to its receipt by every
/// recipient (the officer's and the coordinators' connections), with lost and duplicated events
/// counted. Then many idle connections on one host and its resident memory.
/// </summary>
internal static class LiveLoadDriver
{
    private const int StaffConnections = 10;

    public static async Task RunAsync(bool quick, string[] args)
    {
        int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value) : fallback;
        var clients = Option("--clients", quick ? 200 : 1000);
        var bidsPerSecond = Option("--rate", quick ? 10 : 20);
        var seconds = Option("--seconds", quick ? 10 : 30);
        var idle = Option("--idle", quick ? 2000 : 10_000);

        Console.WriteLine($"Live load: {clients} clients, {bidsPerSecond} bids/s for {seconds} s, then {idle} idle connections; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        await using var host = await LoadHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };

        var counties = (await http.WithToken(await SignIn(http, "coordinator")).GetFromJsonAsync<JsonArray>("/api/counties"))!
            .Select(c => c!["adcode"]!.GetValue<string>()).ToArray();
        var tokens = new ConcurrentDictionary<string, string>();
        foreach (var user in counties.Select(c => "county-" + c).Append("officer").Append("coordinator"))
            tokens[user] = await SignIn(http, user);
        var parks = new ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(counties, async (county, _) =>
        {
            using var client = new HttpClient { BaseAddress = host.Address }.WithToken(tokens["officer"]);
            if ((await client.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}"))!.FirstOrDefault() is { } park)
                parks[county] = park["id"]!.GetValue<string>();
        });

        // Open projects to bid on: each county bids at most once per project, so a bid is (project, county).
        var officer = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) }.WithToken(tokens["officer"]);
        var projects = new List<Guid>();
        var needed = (int)Math.Ceiling(bidsPerSecond * seconds / (double)parks.Count) + 1;
        for (var i = 0; i < needed; i++) projects.Add(await PostOpenProject(officer, i));

        // Connections: officer and coordinator ones receive every bid; the rest are spread over the county groups.
        var receipts = new ConcurrentDictionary<(Guid Project, string County), ConcurrentBag<long>>();
        var connections = new List<LiveConnection>();
        var readers = new List<Task>();
        var connect = Stopwatch.StartNew();
        for (var i = 0; i < clients; i++)
        {
            var user = i < StaffConnections ? "officer" : i < 2 * StaffConnections ? "coordinator" : "county-" + counties[i % counties.Length];
            var connection = new LiveConnection(new Uri(host.Address, LiveHubProtocol.Path), () => Task.FromResult<string?>(tokens[user]));
            await connection.StartAsync();
            connections.Add(connection);
            readers.Add(Task.Run(async () =>
            {
                await foreach (var message in connection.Events.ReadAllAsync())
                {
                    if (message.Type != "bidPlaced") continue;
                    var key = (message.ProjectId!.Value, message.Payload.GetProperty("county").GetString()!);
                    receipts.GetOrAdd(key, _ => []).Add(Stopwatch.GetTimestamp());
                }
            }));
        }

        Console.WriteLine($"  {clients} connections in {connect.Elapsed.TotalSeconds:F1} s; host RSS {host.ResidentMiB():F0} MiB");

        // Open loop: a bid every 1/rate s whatever the previous ones are doing.
        var pairs = projects.SelectMany(p => parks.Keys.Order(StringComparer.Ordinal).Select(c => (Project: p, County: c)))
            .OrderBy(_ => Random.Shared.Next()).Take(bidsPerSecond * seconds).ToArray();
        var sent = new ConcurrentDictionary<(Guid, string), (long Sent, long Ok)>();
        var failed = 0;
        var bidClients = counties.ToDictionary(c => c, c => new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) }.WithToken(tokens["county-" + c]));
        var interval = TimeSpan.FromSeconds(1.0 / bidsPerSecond);
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        for (var i = 0; i < pairs.Length; i++)
        {
            var due = interval * i;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var (project, county) = pairs[i];
            inFlight.Add(Task.Run(async () =>
            {
                var start = Stopwatch.GetTimestamp();
                var response = await bidClients[county].PostAsJsonAsync($"/api/projects/{project}/bids", new
                {
                    county, parkId = parks[county], landMu = 10, energyTce = 100, deliveryMonths = 12, landPrice = 30,
                    commitments = "专班服务，代办审批手续", note = "负载测试",
                });
                if (response.IsSuccessStatusCode) sent[(project, county)] = (start, Stopwatch.GetTimestamp());
                else
                {
                    Interlocked.Increment(ref failed);
                    if (failed <= 3) Console.Error.WriteLine($"  bid refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }));
        }

        await Task.WhenAll(inFlight);
        var offered = clock.Elapsed;
        // Drain: give the last events time to arrive before counting what is missing.
        var recipients = 2 * StaffConnections;
        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < TimeSpan.FromSeconds(15) && sent.Keys.Any(k => !receipts.TryGetValue(k, out var r) || r.Count < recipients))
            await Task.Delay(100);

        var fromOk = new List<double>();
        var fromSend = new List<double>();
        long lost = 0, extra = 0;
        foreach (var (key, (start, ok)) in sent)
        {
            var got = receipts.TryGetValue(key, out var r) ? r.ToArray() : [];
            lost += Math.Max(0, recipients - got.Length);
            extra += Math.Max(0, got.Length - recipients);
            if (got.Length == 0) continue;
            var last = got.Max();
            // The host fans out before it answers, so an event often arrives before the 2xx: that counts as 0.
            fromOk.Add(Math.Max(0, Stopwatch.GetElapsedTime(ok, last).TotalMilliseconds));
            fromSend.Add(Stopwatch.GetElapsedTime(start, last).TotalMilliseconds);
        }

        var duplicatesDropped = connections.Sum(c => c.Duplicates);
        var okSorted = fromOk.Order().ToArray();
        var sendSorted = fromSend.Order().ToArray();
        Console.WriteLine();
        Console.WriteLine($"| measure | result |");
        Console.WriteLine($"|---|---|");
        Console.WriteLine($"| clients connected | {clients} ({StaffConnections} officer + {StaffConnections} coordinator recipients of each bid, {clients - recipients} over {counties.Length} county groups) |");
        Console.WriteLine($"| bids accepted (2xx) | {sent.Count} of {pairs.Length} in {offered.TotalSeconds:F1} s ({sent.Count / offered.TotalSeconds:F1}/s); refused {failed} |");
        Console.WriteLine($"| 2xx → received by every recipient | p50 {Latency.Percentile(okSorted, 0.5):F1} ms, p99 {Latency.Percentile(okSorted, 0.99):F1} ms, max {okSorted[^1]:F1} ms |");
        Console.WriteLine($"| request sent → received by every recipient | p50 {Latency.Percentile(sendSorted, 0.5):F1} ms, p99 {Latency.Percentile(sendSorted, 0.99):F1} ms |");
        Console.WriteLine($"| events lost / applied twice | {lost} / {extra} (of {sent.Count * recipients}); duplicates recognised and dropped: {duplicatesDropped} |");
        Console.WriteLine($"| host RSS with {clients} clients | {host.ResidentMiB():F0} MiB |");

        foreach (var connection in connections) await connection.DisposeAsync();
        await Task.WhenAll(readers);
        await Task.Delay(2000);

        // Idle connections: as a browser holds them, WebSockets straight away.
        var before = host.ResidentMiB();
        var idleConnections = new ConcurrentBag<HubConnection>();
        var idleClock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, idle), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var token = tokens["county-" + counties[i % counties.Length]];
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(host.Address, LiveHubProtocol.Path), options =>
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    options.SkipNegotiation = true;
                    options.Transports = HttpTransportType.WebSockets;
                })
                .Build();
            connection.On<LiveMessage>(LiveHubProtocol.Event, _ => { });
            await connection.StartAsync();
            idleConnections.Add(connection);
        });
        var connectedIn = idleClock.Elapsed;
        await Task.Delay(5000);
        var held = host.ResidentMiB();
        var open = idleConnections.Count(c => c.State == HubConnectionState.Connected);
        Console.WriteLine($"| {idle} idle connections | {open} open after 5 s, connected in {connectedIn.TotalSeconds:F1} s; host RSS {held:F0} MiB ({before:F0} MiB before, {(held - before) * 1024 / idle:F1} KiB each) |");

        await Parallel.ForEachAsync(idleConnections, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
    }

    private static async Task<string> SignIn(HttpClient http, string user)
    {
        var response = await http.PostAsJsonAsync("/api/auth/token", new { userName = user, password = HostProcess.SeedPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    private static async Task<Guid> PostOpenProject(HttpClient officer, int i)
    {
        var created = await officer.PostAsJsonAsync("/api/projects", new JsonObject
        {
            ["title"] = $"负载测试项目 {i}",
            ["description"] = "新能源汽车零部件制造",
            ["industryCode"] = "3670",
            ["investment"] = 50_000,
            ["landMu"] = 10,
            ["energyTce"] = 100,
            ["jobs"] = 200,
            ["expectedTax"] = 1000,
            ["highEnergy"] = false,
            ["investor"] = new JsonObject { ["name"] = $"负载测试投资方{i}有限公司", ["kind"] = "private" },
        });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        (await officer.PostAsync($"/api/projects/{id}/publish", null)).EnsureSuccessStatusCode();
        return id;
    }

    private static HttpClient WithToken(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
