using System.Net;
using Matching.Testing;

namespace Matching.Cluster.Tests;

/// <summary>
/// A host killed (SIGKILL) between a bid and the search index's next commit, then started again on the
/// same data: the index is reconciled from the projects that changed since its last commit, without
/// a full rebuild, and every read the coordinators use agrees with grain state.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "matching-crash-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<HostProcess> _hosts = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HostProcess NewHost(string name)
    {
        var host = new HostProcess(name, _folder, settings: new Dictionary<string, string> { ["Orleans:Dashboard:Enabled"] = "false" });
        _hosts.Add(host);
        return host;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task After_a_kill_before_the_index_commit_contests_search_and_overview_agree_with_grain_state_without_a_rebuild()
    {
        var first = NewHost("before-kill");
        await first.StartAsync(cancellationToken: Ct);
        using var api = new MatchingApi(first, new SignIns());
        var counties = await api.CountiesWithParksAsync(2, Ct);
        // Settled projects: committed to the index by its periodic commit before the kill.
        var settled = new List<Guid>();
        for (var i = 0; i < 3; i++) settled.Add(await api.OpenProjectAsync($"崩溃前已提交 {i}", Ct));
        await Task.Delay(TimeSpan.FromSeconds(7), Ct);

        // Contested moments before the kill: within the index's 5-second commit interval.
        foreach (var id in settled)
            foreach (var (county, park) in counties)
            {
                using var bid = await api.SendAsync(HttpMethod.Post, $"/api/projects/{id}/bids", $"county-{county}", MatchingApi.BidBody(county, park), cancellationToken: Ct);
                Assert.Equal(HttpStatusCode.Created, bid.StatusCode);
            }

        var fresh = await api.OpenProjectAsync("崩溃前新建", Ct);
        await first.KillAsync();

        var second = NewHost("after-kill");
        await second.StartAsync(cancellationToken: Ct);
        using var after = new MatchingApi(second, new SignIns());

        // Before anything activates a project (activation re-applies what its last change owed), the
        // index alone must already say where each project is: that is the reconciliation at start.
        var indexed = (await after.GetJsonAsync("/api/projects?status=contested&take=100", "coordinator", Ct))["items"]!.AsArray()
            .Select(h => h!["id"]!.GetValue<Guid>()).ToHashSet();
        Assert.True(settled.All(indexed.Contains), $"the index lists {indexed.Count} contested projects after restart\n{second.Tail()}");

        // Within 5 s of being ready, every view agrees with the grains.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        (bool Agree, string Why) state;
        do
        {
            state = await Agree(after, settled, fresh);
            if (state.Agree) break;
            await Task.Delay(250, Ct);
        }
        while (DateTime.UtcNow < deadline);

        Assert.True(state.Agree, state.Why + "\n" + second.Tail());
        Assert.Contains(second.Output, line => line.Contains("Project index reconciled", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Output, line => line.Contains("Project index rebuilt", StringComparison.Ordinal));
    }

    private static async Task<(bool, string)> Agree(MatchingApi api, IReadOnlyList<Guid> contested, Guid open)
    {
        foreach (var id in contested.Append(open))
        {
            var status = (await api.GetJsonAsync($"/api/projects/{id}", "coordinator", Ct))["status"]!.GetValue<string>();
            var expected = id == open ? "open" : "contested";
            if (status != expected) return (false, $"grain state of {id} is {status}, expected {expected}");
        }

        var board = (await api.GetJsonAsync("/api/contests", "coordinator", Ct)).AsArray().Select(c => c!["project"]!["id"]!.GetValue<Guid>()).ToHashSet();
        if (!contested.All(board.Contains)) return (false, $"contest board lists {board.Count} projects, not every contested one");
        var search = (await api.GetJsonAsync("/api/projects?status=contested&take=100", "coordinator", Ct))["items"]!.AsArray()
            .Select(h => h!["id"]!.GetValue<Guid>()).ToHashSet();
        if (!contested.All(search.Contains)) return (false, "search by status=contested misses a contested project");
        var openSearch = (await api.GetJsonAsync("/api/projects?status=open&take=100", "coordinator", Ct))["items"]!.AsArray()
            .Select(h => h!["id"]!.GetValue<Guid>()).ToHashSet();
        if (!openSearch.Contains(open) || contested.Any(openSearch.Contains)) return (false, "search by status=open disagrees with grain state");
        var overview = await api.GetJsonAsync("/api/overview", "coordinator", Ct);
        var placed = overview["open"]!.AsArray().ToDictionary(p => p!["id"]!.GetValue<Guid>(), p => p!["status"]!.GetValue<string>());
        if (!contested.All(id => placed.GetValueOrDefault(id) == "contested") || placed.GetValueOrDefault(open) != "open")
            return (false, "the overview disagrees with grain state");
        if (overview["totals"]!["contested"]!.GetValue<long>() < contested.Count) return (false, "the overview's contested total is short");
        return (true, "");
    }
}
