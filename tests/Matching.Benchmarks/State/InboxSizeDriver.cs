using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Benchmarks.Live;

namespace Matching.Benchmarks.State;

/// <summary>
/// The county inbox's read at a small and a large inbox, in one run (<c>state --only inbox</c>, with
/// <c>--baseline …/Matching.Host.dll</c> on both builds side by side): projects of one industry and size are
/// published until the county they fit best holds each size of <c>--inbox-sizes</c> (default 100 and
/// 10,000 rows), and at each size that county reads, one request at a time: its inbox screen (open and
/// contested, newest first, a page of 20), the screen's total alone (a page of one: what the kept count per
/// status answers), and the score order (still sorted on the host over the newest 2,000 entries); p50/p99 per
/// read and size, and the large size's p50 as a multiple of the small one's.
/// </summary>
internal static class InboxSizeDriver
{
    private const string Screen = "status=open,contested&sort=at&order=desc&take=20";

    private static readonly (string Name, string Query)[] Measured =
    [
        ("screen", Screen),
        ("total (a page of one)", "status=open,contested&sort=at&order=desc&take=1"),
        ("score order", "status=open,contested&sort=score&order=desc&take=20"),
    ];
    private const int Warmup = 30, Reads = 300;

    public static async Task RunAsync(BoundedStateDriver.Api api, LoadHost host, string? baselineAssembly, int[] sizes)
    {
        var targets = new List<(string Name, BoundedStateDriver.Api Api)>();
        LoadHost? other = null;
        if (baselineAssembly is not null)
        {
            other = await LoadHost.StartAsync(hostAssembly: Path.GetFullPath(baselineAssembly));
            targets.Add(("baseline", await BoundedStateDriver.Api.SignInAsync(other.Address)));
        }

        targets.Add(("this build", api));
        try
        {
            // The same projects on each host: the county they fit best is the same.
            var counties = await Task.WhenAll(targets.Select(t => FirstAsync(t.Api)));
            var county = counties[^1];
            if (counties.Any(c => c != county)) throw new InvalidOperationException($"The builds disagree on the best county ({string.Join(", ", counties)}).");
            var serial = 1;
            var figures = targets.SelectMany(t => Measured.Select(m => $"{t.Name}: {m.Name}")).ToDictionary(n => n, _ => new List<(int Size, long Held, double P50, double P99)>());
            foreach (var size in sizes)
            {
                var watch = Stopwatch.StartNew();
                // The same projects published on every build side by side, until this build's inbox holds the
                // size (the baseline's total counts at most its 2,000-row window), then measured one after the other.
                long held;
                while ((held = await TotalAsync(api, county)) < size)
                {
                    var batch = Enumerable.Range(serial, (int)(size - held)).ToArray();
                    serial += batch.Length;
                    await Task.WhenAll(targets.Select(t => Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (s, _) => await PublishAsync(t.Api, s))));
                    // The inbox rows are written just after each publish answers.
                    await Task.Delay(500);
                }

                Console.Error.WriteLine($"  inbox of {county} filled to {held:#,0} on every build in {watch.Elapsed.TotalSeconds:F0} s");
                foreach (var (name, target) in targets)
                    foreach (var (read, query) in Measured)
                    {
                        var (p50, p99) = await ReadsAsync(target, county, query);
                        figures[$"{name}: {read}"].Add((size, held, p50, p99));
                        Console.WriteLine($"| {name}, {read}, inbox of {held:#,0} rows | p50 {p50:F2} ms, p99 {p99:F2} ms |");
                    }
            }

            Console.WriteLine();
            Console.WriteLine($"| inbox read, one at a time, {Reads} reads | {string.Join(" | ", sizes.Select(s => $"{s:#,0} rows"))} | largest / smallest (p50) |");
            Console.WriteLine($"|---|{string.Concat(sizes.Select(_ => "---|"))}---|");
            foreach (var (name, rows) in figures)
                Console.WriteLine($"| {name} | {string.Join(" | ", rows.Select(r => $"p50 {r.P50:F2} ms, p99 {r.P99:F2} ms"))} | {rows[^1].P50 / rows[0].P50:F2}× |");
        }
        finally
        {
            if (other is not null) await other.DisposeAsync();
        }
    }

    // One industry, one size, one investor: every project fits the same counties alike.
    private static async Task<Guid> PublishAsync(BoundedStateDriver.Api api, int serial) => await api.PostOpenProject(serial * 8);

    private static async Task<string> FirstAsync(BoundedStateDriver.Api api)
    {
        var id = await PublishAsync(api, 0);
        var best = (await api.Officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/matches?top=1"))!["matches"]!.AsArray();
        return best[0]!["county"]!.GetValue<string>();
    }

    private static async Task<long> TotalAsync(BoundedStateDriver.Api api, string county)
    {
        using var response = await api.County(county).GetAsync($"/api/counties/{county}/inbox?{Screen}");
        response.EnsureSuccessStatusCode();
        return long.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);
    }

    private static async Task<(double P50, double P99)> ReadsAsync(BoundedStateDriver.Api api, string county, string query)
    {
        var client = api.County(county);
        var samples = new List<double>(Reads);
        for (var i = 0; i < Warmup + Reads; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync($"/api/counties/{county}/inbox?{query}");
            response.EnsureSuccessStatusCode();
            _ = await response.Content.ReadAsByteArrayAsync();
            if (i >= Warmup) samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var sorted = samples.Order().ToArray();
        return (Latency.Percentile(sorted, 0.5), Latency.Percentile(sorted, 0.99));
    }
}
