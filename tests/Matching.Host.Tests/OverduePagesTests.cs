using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Domain.Cockpit;
using Matching.Domain.Decisions;
using Matching.Domain.Landing;
using Matching.Domain.Projects;
using Matching.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Host.Tests;

/// <summary>
/// The overdue list beyond any window of 2,000, on an installation of its own: the sortable list counts
/// and serves every overdue project, and the keyset pages return each exactly once.
/// </summary>
public sealed class OverduePagesTests : IAsyncLifetime
{
    private const string County = "371003", Other = "370112"; // 文登区, 历城区
    private const int InCounty = 2_150, Elsewhere = 60;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "matching-tests", Guid.NewGuid().ToString("N"));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ProjectDocument Overdue(int i, string lead)
    {
        var decided = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i);
        return new ProjectDocument(Guid.NewGuid(), $"超期清单项目 {i}", "", "3612", "行业3612", null, ProjectStatus.Awarded, null, [], 10_000, 50, 100, false, decided) with
        {
            HostCounties = [lead],
            Settlement = new Settlement(DecisionKind.Award, decided, lead, [], "P" + lead, 50, 100, 10_000, [], new LandingOverdue(LandingStage.Signed, decided.AddDays(90), decided.AddDays(91))),
        };
    }

    [Fact]
    public async Task The_list_and_the_keyset_pages_hold_every_overdue_project_beyond_2000_exactly_once()
    {
        await using var app = MatchingApplication.On(_data);
        await app.InitializeAsync();
        var projects = Enumerable.Range(0, InCounty).Select(i => Overdue(i, County)).Concat(Enumerable.Range(InCounty, Elsewhere).Select(i => Overdue(i, Other))).ToList();
        var search = app.Services.GetRequiredService<ISearchEngine>();
        foreach (var chunk in projects.Chunk(500)) await search.IndexProjectsAsync(chunk, Ct);

        var (coordinator, county) = (app.Coordinator(), app.County(County));
        async Task<long> Total(HttpClient client)
        {
            var response = await client.GetAsync("/api/landing/overdue?take=5", Ct);
            response.EnsureSuccessStatusCode();
            return long.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(InCounty + Elsewhere, await Polling.Eventually(() => Total(coordinator), t => t == InCounty + Elsewhere, TimeSpan.FromSeconds(10)));
        Assert.Equal(InCounty, await Total(county));

        async Task<List<Guid>> Paged(HttpClient client, int take)
        {
            var ids = new List<Guid>();
            string? after = null;
            for (var pages = 0; ; pages++)
            {
                Assert.True(pages < 100, "the pages end");
                var page = (await client.GetFromJsonAsync<JsonObject>($"/api/landing/overdue/pages?take={take}" + (after is null ? "" : $"&after={after}"), Ct))!;
                ids.AddRange(page["rows"]!.AsArray().Select(r => r!["projectId"]!.GetValue<Guid>()));
                after = page["next"]?.GetValue<string>();
                if (after is null) return ids;
            }
        }

        var all = await Paged(coordinator, 500);
        Assert.Equal(InCounty + Elsewhere, all.Count);
        Assert.Equal(projects.Select(p => p.Id).Order(), all.Order());
        var own = await Paged(county, 333);
        Assert.Equal(projects.Where(p => p.Settlement!.Lead == County).Select(p => p.Id).Order(), own.Order());
        // In decision order.
        var decided = projects.ToDictionary(p => p.Id, p => p.Settlement!.DecidedAt);
        Assert.Equal(all.OrderBy(id => decided[id]), all);

        await Problems.AssertValidationProblem(await coordinator.GetAsync("/api/landing/overdue/pages?after=nonsense", Ct), "after");
        await Problems.AssertValidationProblem(await coordinator.GetAsync("/api/landing/overdue/pages?take=0", Ct), "take");
        await Problems.AssertValidationProblem(await coordinator.GetAsync("/api/landing/overdue/pages?take=501", Ct), "take");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await app.Officer().GetAsync("/api/landing/overdue/pages", Ct)).StatusCode);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }
}
