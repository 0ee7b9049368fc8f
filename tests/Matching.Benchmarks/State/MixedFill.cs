using System.Net.Http.Json;

namespace Matching.Benchmarks.State;

/// <summary>
/// What the full <c>state</c> run leaves before its mixed load, made on a fresh store for the A/B of the mixed
/// load (<c>--only mixed --baseline … --fill PROJECTS,CONTESTS</c>): <see cref="Projects"/> published projects
/// that fit counties (so that inboxes hold more than the host's old 2,000-row window), and
/// <see cref="Contests"/> contested projects with a bid from every county (the board's heavy entries, as the
/// bids measurement leaves them).
/// </summary>
internal sealed record MixedFill(int Projects, int Contests)
{
    /// <summary>The fill given as <c>PROJECTS,CONTESTS</c>, or null when none was asked for.</summary>
    public static MixedFill? Parse(string? option) =>
        option?.Split(',') is [var projects, var contests] ? new MixedFill(int.Parse(projects), int.Parse(contests)) : null;

    public async Task ApplyAsync(BoundedStateDriver.Api api)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        await Parallel.ForEachAsync(Enumerable.Range(5_000_000, Projects), options, async (i, _) => await api.PostOpenProject(i));
        var contested = new List<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(6_000_000, Contests), options, async (i, _) =>
        {
            var id = await api.PostOpenProject(i, fitsNobody: true);
            lock (contested) contested.Add(id);
        });
        await Parallel.ForEachAsync(contested.SelectMany(p => api.Counties.Select(c => (Project: p, County: c))), options, async (pair, _) =>
        {
            using var response = await api.County(pair.County).PostAsJsonAsync($"/api/projects/{pair.Project}/bids", new
            {
                county = pair.County, landMu = 0, energyTce = 100, deliveryMonths = 12, commitments = "专班服务，代办审批手续", note = "负载测试",
            });
            response.EnsureSuccessStatusCode();
        });
    }

    public override string ToString() => $"{Projects:#,0} fitting projects, {Contests:#,0} contests with a bid from every county";
}
