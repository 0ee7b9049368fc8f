using Matching.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Matching.Cluster.Tests;

/// <summary>
/// Counties bidding on fresh projects through two hosts while a fault strikes one of them: 8 projects
/// (half posted, and so first activated, through each host), 10 counties bidding on each, 8 writers.
/// A writer whose request fails (no answer, a timeout) retries with the same <c>Idempotency-Key</c>
/// through the other host and keeps away from the failed one for a while, as a client behind a load
/// balancer with passive health checks would; so does a 503 (a host fenced off from the cluster). The fault runs once, when the given number of bids has
/// been acknowledged.
/// </summary>
public sealed class BidWorkload
{
    public const int ProjectsPerTrial = 8, CountiesPerProject = 10, Writers = 8;
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90), AvoidFor = TimeSpan.FromSeconds(30);

    private readonly MatchingApi[] _apis;
    private readonly long[] _avoidUntil;
    private readonly ConcurrentBag<(Guid Project, string County, string Key)> _acknowledged = [];
    private readonly ConcurrentBag<string> _rejected = [], _unfinished = [];
    private readonly ConcurrentDictionary<string, string> _lastError = new();
    private readonly TaskCompletionSource<Stopwatch> _fault = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string County, string Park)> _counties;
    private int _acknowledgedCount;

    private BidWorkload(MatchingApi[] apis, List<(string County, string Park)> counties, List<Guid> projects)
    {
        _apis = apis;
        _counties = counties;
        _avoidUntil = new long[apis.Length];
        Projects = projects;
    }

    public List<Guid> Projects { get; }

    public IReadOnlyCollection<(Guid Project, string County, string Key)> Acknowledged => _acknowledged;

    /// <summary>Set when the fault has run: a stopwatch started just before it.</summary>
    public Task<Stopwatch> Fault => _fault.Task;

    /// <summary>
    /// Posts and publishes the trial's projects, alternating between the hosts, through
    /// <paramref name="setup"/> (patient clients: a busy machine's first posts are slow); the bids go
    /// through <paramref name="apis"/>.
    /// </summary>
    public static async Task<BidWorkload> OpenAsync(MatchingApi[] setup, MatchingApi[] apis, List<(string County, string Park)> counties, string title, CancellationToken cancellationToken)
    {
        var projects = new List<Guid>();
        for (var i = 0; i < ProjectsPerTrial; i++)
            projects.Add(await setup[i % setup.Length].OpenProjectAsync($"{title}-{i}", cancellationToken));
        return new BidWorkload(apis, counties, projects);
    }

    /// <summary>Which host to use: <paramref name="preferred"/> unless a recent failure keeps clients away from it.</summary>
    public int Route(int preferred)
    {
        var now = _clock.ElapsedTicks;
        if (now >= Interlocked.Read(ref _avoidUntil[preferred])) return preferred;
        var other = (preferred + 1) % _apis.Length;
        return now >= Interlocked.Read(ref _avoidUntil[other]) ? other : preferred;
    }

    /// <summary>Records that a request through <paramref name="host"/> got no answer; returns the host to try next.</summary>
    public int Failed(int host)
    {
        Interlocked.Exchange(ref _avoidUntil[host], _clock.ElapsedTicks + (long)(AvoidFor.TotalSeconds * Stopwatch.Frequency));
        return (host + 1) % _apis.Length;
    }

    /// <summary>Runs every bid to an answer; <paramref name="fault"/> runs once, at the <paramref name="faultAfter"/>th acknowledgement.</summary>
    public Task RunAsync(int faultAfter, Func<Task> fault, CancellationToken cancellationToken)
    {
        var work = new ConcurrentQueue<(Guid Project, string County, string Park, string Key, int Via)>(
            Projects.SelectMany((p, i) => _counties.Select((c, j) => (p, c.County, c.Park, Guid.NewGuid().ToString("N"), (i + j) % _apis.Length)))
                .OrderBy(_ => Random.Shared.Next()));

        async Task Write()
        {
            while (work.TryDequeue(out var bid))
            {
                var name = $"{bid.Project}/{bid.County}";
                var via = Route(bid.Via);
                var deadline = Stopwatch.StartNew();
                while (true)
                {
                    if (deadline.Elapsed > GiveUpAfter)
                    {
                        _unfinished.Add($"{name} last: {(_lastError.TryGetValue(name, out var last) ? last : "none")}");
                        break;
                    }

                    try
                    {
                        using var response = await _apis[via].SendAsync(
                            HttpMethod.Post, $"/api/projects/{bid.Project}/bids", $"county-{bid.County}",
                            MatchingApi.BidBody(bid.County, bid.Park), bid.Key, cancellationToken);
                        if (response.IsSuccessStatusCode)
                        {
                            _acknowledged.Add((bid.Project, bid.County, bid.Key));
                            // Exactly one writer sees the count reach the mark (the bag's Count can skip past it).
                            if (Interlocked.Increment(ref _acknowledgedCount) == faultAfter)
                            {
                                var since = Stopwatch.StartNew();
                                await fault();
                                _fault.TrySetResult(since);
                            }

                            break;
                        }

                        var body = await response.Content.ReadAsStringAsync(cancellationToken);
                        Remember(name, $"{deadline.Elapsed.TotalSeconds:F0}s via {via} {(int)response.StatusCode} {body[..Math.Min(160, body.Length)]}");
                        if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429)
                        {
                            _rejected.Add($"{(int)response.StatusCode} {body}");
                            break;
                        }

                        // A host that cannot confirm its cluster membership answers 503: go to the other one.
                        if (response.StatusCode == HttpStatusCode.ServiceUnavailable) via = Failed(via);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                    {
                        // Not acknowledged: retry with the same Idempotency-Key, through the other host.
                        Remember(name, $"{deadline.Elapsed.TotalSeconds:F0}s via {via} {e.GetType().Name} {e.InnerException?.Message ?? e.Message}");
                        via = Failed(via);
                    }

                    await Task.Delay(100, cancellationToken);
                }
            }
        }

        return Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(Write, cancellationToken)));
    }

    /// <summary>Every bid acknowledged, none refused; <paramref name="diagnostics"/> say what the hosts were doing if not.</summary>
    public void AssertAllAcknowledged(Func<string> diagnostics)
    {
        Assert.True(_unfinished.IsEmpty, $"{_unfinished.Count} bids never acknowledged:\n" + string.Join("\n", _unfinished.Take(2)) + "\n" + diagnostics());
        Assert.True(_rejected.IsEmpty, string.Join('\n', _rejected.Take(5)));
        Assert.Equal(ProjectsPerTrial * CountiesPerProject, _acknowledged.Count);
    }

    /// <summary>
    /// How long after the fault every project's bids and every bidding county answered through
    /// <paramref name="api"/>, and how many of them did not answer at first (lived on the lost host).
    /// </summary>
    public async Task<(TimeSpan At, int Affected, int Probed)> RecoveryThroughAsync(MatchingApi api, Stopwatch sinceFault, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(
            Projects.Select(p => FirstAnswer(api, $"/api/projects/{p}/bids", sinceFault, cancellationToken))
                .Concat(_counties.Select(c => FirstAnswer(api, $"/api/counties/{c.County}", sinceFault, cancellationToken))));
        return (answers.Max(a => a.At), answers.Count(a => a.FirstAttemptFailed), answers.Length);
    }

    /// <summary>
    /// Reads what is stored straight from the database: the project grains' state in orleansstorage
    /// (the live bids) and their rows in matching_row (the history and the callers' idempotency keys).
    /// Every acknowledged bid stored, none applied twice.
    /// </summary>
    public async Task AssertStoredAsync(string connectionString, CancellationToken cancellationToken, IReadOnlyList<(Guid Project, string County, string Key)>? alsoAcknowledged = null)
    {
        var acknowledged = _acknowledged.Concat(alsoAcknowledged ?? []).ToList();
        var states = new Dictionary<Guid, JsonObject>();
        foreach (var row in await ClusterDatabase.RowsAsync(connectionString, "SELECT payloadbinary FROM orleansstorage WHERE payloadbinary IS NOT NULL", cancellationToken))
        {
            if (JsonNode.Parse((byte[])row[0]) is JsonObject state && state["project"]?["id"]?.GetValue<Guid>() is { } id && Projects.Contains(id))
                states.Add(id, state);   // Add: a second row for one grain would throw
        }

        var keys = new Dictionary<(Guid, string), JsonObject>();
        var placed = new Dictionary<Guid, List<string>>();
        foreach (var row in await ClusterDatabase.RowsAsync(connectionString,
            "SELECT collection, partition, key, body::text FROM matching_row WHERE collection IN ('bid-keys', 'project-history')", cancellationToken))
        {
            var (collection, project, body) = ((string)row[0], Guid.ParseExact((string)row[1], "N"), JsonNode.Parse((string)row[3])!.AsObject());
            if (!Projects.Contains(project)) continue;
            if (collection == "bid-keys") keys.Add((project, (string)row[2]), body);
            else if (body["kind"]!.GetValue<string>() == "bidPlaced")
            {
                if (!placed.TryGetValue(project, out var notes)) placed[project] = notes = [];
                notes.Add(body["note"]!.GetValue<string>());
            }
        }

        Assert.Equal(Projects.Count, states.Count);
        foreach (var (project, county, key) in acknowledged)
        {
            var state = states[project];
            Assert.True(state["bids"]?[county] is not null, $"acknowledged bid of {county} on {project} is not stored");
            // A key is kept per caller: the county's account and the key it sent.
            Assert.True(keys.TryGetValue((project, $"county-{county}\n{key}"), out var kept), $"the idempotency key of {county}'s bid on {project} is not kept");
            Assert.Equal(county, kept!["placed"]!["bid"]!["county"]!.GetValue<string>());
        }

        foreach (var id in states.Keys)
        {
            var bids = placed.GetValueOrDefault(id) ?? [];
            Assert.True(bids.Count == bids.Distinct().Count(), $"a bid on {id} was applied twice: {string.Join(",", bids)}");
            Assert.Equal(acknowledged.Where(a => a.Project == id).Select(a => a.County).Order(), bids.Order());
        }
    }

    /// <summary>Reads <paramref name="path"/> through <paramref name="api"/> until it answers 200; when, counted from the fault.</summary>
    private static async Task<(TimeSpan At, bool FirstAttemptFailed)> FirstAnswer(MatchingApi api, string path, Stopwatch sinceFault, CancellationToken cancellationToken)
    {
        var failed = false;
        while (sinceFault.Elapsed < GiveUpAfter)
        {
            var attempt = Stopwatch.StartNew();
            try
            {
                using var response = await api.SendAsync(HttpMethod.Get, path, "coordinator", cancellationToken: cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                    return (sinceFault.Elapsed, failed || attempt.Elapsed > TimeSpan.FromSeconds(1));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }

            failed = true;
            await Task.Delay(100, cancellationToken);
        }

        return (sinceFault.Elapsed, true);
    }

    private void Remember(string bid, string what) =>
        _lastError.AddOrUpdate(bid, what, (_, before) => (before.Length > 1500 ? before[..1500] : before) + " | " + what);
}
