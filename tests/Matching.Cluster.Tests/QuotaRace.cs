using Matching.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Cluster.Tests;

/// <summary>
/// <see cref="PartitionTests"/>' quota race: one county bids on 5 projects, its energy quota is set so
/// that exactly 2 of them fit beside what it already holds, and a coordinator awards all 5 to it
/// through both hosts, across the cut, retrying an unanswered award through the other host.
/// </summary>
public sealed class QuotaRace
{
    private readonly MatchingApi[] _apis;
    private readonly BidWorkload _routing;
    private readonly (string County, string Park) _county;
    private readonly List<Guid> _projects;
    private readonly ConcurrentBag<Guid> _acknowledged = [];
    private readonly ConcurrentBag<string> _refused = [], _unexpected = [];

    private QuotaRace(MatchingApi[] apis, BidWorkload routing, (string County, string Park) county, List<Guid> projects, decimal capacity)
    {
        _apis = apis;
        _routing = routing;
        _county = county;
        _projects = projects;
        Capacity = capacity;
    }

    public decimal Capacity { get; }

    public static async Task<QuotaRace> PrepareAsync(MatchingApi[] setup, MatchingApi[] apis, BidWorkload routing, (string County, string Park) county, int trial, CancellationToken cancellationToken)
    {
        var projects = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var id = await setup[i % 2].OpenProjectAsync($"指标竞争{trial}-{i}", cancellationToken);
            using var bid = await setup[i % 2].SendAsync(HttpMethod.Post, $"/api/projects/{id}/bids", $"county-{county.County}",
                MatchingApi.BidBody(county.County, county.Park), Guid.NewGuid().ToString("N"), cancellationToken);
            bid.EnsureSuccessStatusCode();
            projects.Add(id);
        }

        // Room for two more projects' energy (each needs the project's energyTce) beside what earlier trials reserved.
        decimal energy = MatchingApi.ProjectBody("x")["energyTce"]!.GetValue<int>();
        var held = (await setup[0].GetJsonAsync($"/api/counties/{county.County}/quota", "coordinator", cancellationToken))["energyTce"]!["reserved"]!.GetValue<decimal>();
        var capacity = held + energy * 2.5m;
        using var profile = await setup[0].SendAsync(HttpMethod.Put, $"/api/counties/{county.County}/profile", $"county-{county.County}",
            new JsonObject { ["energyQuotaTce"] = capacity }, cancellationToken: cancellationToken);
        Assert.True(profile.IsSuccessStatusCode, $"PUT profile: {(int)profile.StatusCode} {await profile.Content.ReadAsStringAsync(cancellationToken)}");
        return new QuotaRace(apis, routing, county, projects, capacity);
    }

    /// <summary>Awards every project to the county, 300 ms apart, each until it is answered for good.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_projects.Select(async (project, i) =>
        {
            await Task.Delay(300 * i, cancellationToken);
            await AwardAsync(project, i % 2, cancellationToken);
        }));

    private async Task AwardAsync(Guid project, int preferred, CancellationToken cancellationToken)
    {
        var via = _routing.Route(preferred);
        var deadline = Stopwatch.StartNew();
        var last = "nothing";
        long? refusedAt = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            try
            {
                // Read the version each time: an award that went through unanswered moved it (and the status).
                using var read = await _apis[via].SendAsync(HttpMethod.Get, $"/api/projects/{project}", "coordinator", cancellationToken: cancellationToken);
                if (!read.IsSuccessStatusCode)
                {
                    last = $"{deadline.Elapsed.TotalSeconds:F0} s via {via}: read {(int)read.StatusCode}";
                    // A host fenced off from the cluster answers 503: go to the other one.
                    if (read.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable) via = _routing.Failed(via);
                }
                else
                {
                    var current = (await read.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
                    if (current["status"]!.GetValue<string>() is not ("open" or "contested")) return;
                    var version = current["version"]!.GetValue<long>();
                    // A 409 on the version the project still has was no stale version: the quota refused it.
                    if (refusedAt == version)
                    {
                        _refused.Add(project.ToString());
                        return;
                    }

                    using var decided = await _apis[via].SendAsync(HttpMethod.Post, $"/api/projects/{project}/decision", "coordinator", new JsonObject
                    {
                        ["kind"] = "award", ["county"] = _county.County, ["parkId"] = _county.Park, ["reason"] = "分区试验：指标竞争",
                        ["expectedVersion"] = version,
                    }, cancellationToken: cancellationToken);
                    var body = await decided.Content.ReadAsStringAsync(cancellationToken);
                    last = $"{deadline.Elapsed.TotalSeconds:F0} s via {via}: {(int)decided.StatusCode} {body[..Math.Min(200, body.Length)]}";
                    switch ((int)decided.StatusCode)
                    {
                        case 200:
                            _acknowledged.Add(project);
                            return;
                        case 409:
                            refusedAt = version;
                            break;
                        case 503:
                            via = _routing.Failed(via);
                            break;
                        case 408 or 429 or >= 500:
                            break;
                        default:
                            _unexpected.Add($"{(int)decided.StatusCode} {body}");
                            return;
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = $"{deadline.Elapsed.TotalSeconds:F0} s via {via}: {e.GetType().Name} {e.InnerException?.Message ?? e.Message}";
                via = _routing.Failed(via);
            }

            await Task.Delay(200, cancellationToken);
        }

        _unexpected.Add($"award of {project} never answered; last: {last}");
    }

    /// <summary>
    /// Once every award settled (a decision left pending by the lost host concludes when its project
    /// activates again): the county's reservations are exactly the awarded projects, within capacity,
    /// and every acknowledged award is among them.
    /// </summary>
    public async Task AssertWithinCapacityAsync(MatchingApi api, CancellationToken cancellationToken)
    {
        Assert.True(_unexpected.IsEmpty, string.Join('\n', _unexpected));
        var since = Stopwatch.StartNew();
        while (true)
        {
            var awarded = new List<Guid>();
            foreach (var project in _projects)
            {
                var status = (await api.GetJsonAsync($"/api/projects/{project}", "coordinator", cancellationToken))["status"]!.GetValue<string>();
                if (status == "awarded") awarded.Add(project);
            }

            var quota = await api.GetJsonAsync($"/api/counties/{_county.County}/quota", "coordinator", cancellationToken);
            var energy = quota["energyTce"]!;
            var reservedHere = _projects.Where(p => energy["byProject"]?[p.ToString()] is not null).ToList();
            Assert.True(energy["reserved"]!.GetValue<decimal>() <= energy["capacity"]!.GetValue<decimal>(),
                $"energy over-reserved: {energy.ToJsonString()}");
            Assert.True(awarded.Count <= 2, $"{awarded.Count} awards fit where only 2 do: {energy.ToJsonString()}");
            if (reservedHere.Order().SequenceEqual(awarded.Order()))
            {
                Assert.All(_acknowledged, a => Assert.Contains(a, awarded));
                Awarded = awarded.Count;
                return;
            }

            if (since.Elapsed > TimeSpan.FromSeconds(45))
                Assert.Fail($"reservations {string.Join(",", reservedHere)} do not match the awards {string.Join(",", awarded)} 45 s after: {energy.ToJsonString()}");
            await Task.Delay(500, cancellationToken);
        }
    }

    private int Awarded { get; set; }

    public override string ToString() => $"{Awarded} of {_projects.Count} awarded within room for 2 ({_acknowledged.Count} acknowledged, {_refused.Count} refused for the quota)";
}
