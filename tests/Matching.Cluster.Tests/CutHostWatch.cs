using Matching.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Matching.Cluster.Tests;

/// <summary>
/// Watches a cut-off host from the moment of the cut until its fate is settled, from a client on its
/// own side of the cut (a socket inside its namespace, which reaches it while its link is down): every
/// 250 ms the membership table's row of its silo, then one grain read through it. The "never both"
/// rule, checked without grace: once the row was read <c>Dead</c>, no read started after that may be
/// answered 200 by the host. Records when it stopped answering 200, when it was declared dead and when
/// its process ended.
/// </summary>
public sealed class CutHostWatch : IAsyncDisposable
{
    private readonly TestCluster _cluster;
    private readonly int _victim, _generation;
    private readonly MatchingApi _inside;
    private readonly Guid _project;
    private readonly string[] _users;
    private int _probes;
    private readonly Stopwatch _sinceCut;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _violations = [];
    private readonly HashSet<string> _queries = [];
    private readonly Task _watching;

    private CutHostWatch(TestCluster cluster, IsolatedNetwork network, int victim, int generation, Guid project, IEnumerable<string> users, Stopwatch sinceCut)
    {
        _users = [.. users];
        _cluster = cluster;
        _victim = victim;
        _generation = generation;
        _project = project;
        _sinceCut = sinceCut;
        _inside = cluster.Api(victim, TimeSpan.FromSeconds(2), network.CreateHandlerInside(victim));
        _watching = Task.Run(WatchAsync);
    }

    /// <summary>Seconds after the cut of the last 200 and of the first answer that was not (503 from the fence, or none).</summary>
    public double? LastAnswered { get; private set; }

    public double? FirstRefused { get; private set; }

    /// <summary>Seconds after the cut of the first 503 (the host's membership fence).</summary>
    public double? FirstFenced { get; private set; }

    /// <summary>Seconds after the cut when the row was first read <c>Dead</c>, and when the process was first seen ended.</summary>
    public double? DeadAt { get; private set; }

    public double? StoppedAt { get; private set; }

    /// <summary>
    /// The most PostgreSQL sessions of the cut host seen open inside a transaction at once (the server
    /// cannot tell that their client is gone, so their locks stay), and the most statements seen
    /// waiting on a lock at once.
    /// </summary>
    public long OrphanedTransactions { get; private set; }

    public long BlockedStatements { get; private set; }

    /// <summary>The longest the server was seen waiting on the cut host inside a transaction (seconds).</summary>
    public double LongestOpen { get; private set; }

    /// <summary>The row's status code at the last read (3 Active, 6 Dead).</summary>
    public int Status { get; private set; }

    /// <summary>Whether the host answered a read the last time it was asked.</summary>
    public bool Answers { get; private set; }

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_violations) return [.. _violations];
        }
    }

    /// <summary>Starts watching <paramref name="victim"/> (its silo generation <paramref name="generation"/>), the cut made <paramref name="sinceCut"/> ago.</summary>
    /// <param name="project">A project whose grain lived on the cut host (posted through it).</param>
    /// <param name="users">Accounts the reads take turns as: every request checks its account's grain, which may live on either host.</param>
    public static CutHostWatch Start(TestCluster cluster, IsolatedNetwork network, int victim, int generation, Guid project, IEnumerable<string> users, Stopwatch sinceCut) =>
        new(cluster, network, victim, generation, project, users, sinceCut);

    private async Task WatchAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                Status = await ClusterDatabase.ScalarAsync<int>(_cluster.ConnectionString,
                    $"SELECT status FROM orleansmembershiptable WHERE deploymentid = '{_cluster.ClusterId}' AND address = '{IsolatedNetwork.HostAddress(_victim)}' AND generation = {_generation}", ct);
                var sessions = await ClusterDatabase.RowsAsync(_cluster.ConnectionString,
                    $"SELECT coalesce(client_addr = '{IsolatedNetwork.HostAddress(_victim)}' AND state LIKE 'idle in transaction%', false), " +
                    "cardinality(pg_blocking_pids(pid)) > 0, coalesce(left(regexp_replace(query, '\\s+', ' ', 'g'), 70), ''), " +
                    "extract(epoch FROM now() - state_change)::float8 FROM pg_stat_activity " +
                    $"WHERE (client_addr = '{IsolatedNetwork.HostAddress(_victim)}' AND state LIKE 'idle in transaction%') OR cardinality(pg_blocking_pids(pid)) > 0", ct);
                OrphanedTransactions = Math.Max(OrphanedTransactions, sessions.Count(r => (bool)r[0]));
                BlockedStatements = Math.Max(BlockedStatements, sessions.Count(r => (bool)r[1]));
                LongestOpen = Math.Max(LongestOpen, sessions.Where(r => (bool)r[0]).Select(r => (double)r[3]).DefaultIfEmpty(0).Max());
                lock (_violations) foreach (var row in sessions) _queries.Add(((bool)row[0] ? "left open: " : "waiting: ") + (string)row[2]);
                var now = _sinceCut.Elapsed.TotalSeconds;
                if (Status == 6) DeadAt ??= now;
                if (!_cluster.Hosts[_victim].IsRunning) StoppedAt ??= now;

                var code = StoppedAt is null ? await ProbeAsync(ct) : null;
                Answers = code == HttpStatusCode.OK;
                if (Answers)
                {
                    LastAnswered = _sinceCut.Elapsed.TotalSeconds;
                    if (DeadAt is { } dead)
                        lock (_violations)
                            _violations.Add(string.Create(CultureInfo.InvariantCulture,
                                $"{_cluster.Hosts[_victim].Name} answered 200 at {LastAnswered:F1} s after the cut, its row read Dead at {dead:F1} s"));
                }
                else if (LastAnswered is not null || code is not null) FirstRefused ??= _sinceCut.Elapsed.TotalSeconds;
                if (code == HttpStatusCode.ServiceUnavailable) FirstFenced ??= _sinceCut.Elapsed.TotalSeconds;
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(250, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The status of one grain read through the host from its side of the cut, or null when it did not answer.</summary>
    private async Task<HttpStatusCode?> ProbeAsync(CancellationToken ct)
    {
        try
        {
            var user = _users[_probes++ % _users.Length];
            using var response = await _inside.SendAsync(HttpMethod.Get, $"/api/projects/{_project}", user, cancellationToken: ct);
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>What the watch saw, for the trial's report line.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"cut host: last 200 at {Seconds(LastAnswered)}, refused from {Seconds(FirstRefused)} (503 from {Seconds(FirstFenced)}), row Dead at {Seconds(DeadAt)}, process ended at {Seconds(StoppedAt)} (after the cut, exit code {_cluster.Hosts[_victim].ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}); its sessions idle in a transaction: up to {OrphanedTransactions} (the longest {LongestOpen:F1} s), statements waiting on a lock: up to {BlockedStatements}{Queries()}");

    private string Queries()
    {
        lock (_violations) return _queries.Count > 0 ? $" ({string.Join("; ", _queries.Take(4))})" : "";
    }

    private static string Seconds(double? value) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:F1} s") : "never";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
