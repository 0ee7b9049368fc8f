using Lucene.Net.Index;
using Lucene.Net.Store;
using Matching.Domain.Industries;
using Matching.Domain.Projects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matching.Search.Lucene.Tests;

/// <summary>What the Lucene engine adds to the contract: disk, threads, bulk, exact sums.</summary>
public sealed class LuceneEngineTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly ProjectStatus[] Statuses = Enum.GetValues<ProjectStatus>();
    private static readonly string[] Classes = ["3612", "3611", "3670", "3825", "3841", "2614", "1713", "6513", "3042", "2511"];

    private readonly EngineFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ProjectDocument Project(int n, string industry = "3612", ProjectStatus status = ProjectStatus.Open, string title = "项目", string[]? fit = null) =>
        new(Guid.NewGuid(), $"{title}{n}", "年产 20 万辆", industry, "行业" + industry, null, status, "370102", fit ?? [], 10_000, 100, 1_000, false, T0.AddSeconds(n));

    private static CandidateDocument County(string adcode, params string[] codes) =>
        new(adcode, "县" + adcode, adcode[..4] + "00", IndustryTokens.Expand(codes.Select(IndustryCode.Parse)), 500, 10_000);

    // ---- Disk ---------------------------------------------------------------------------------

    [Fact]
    public async Task Documents_survive_dispose_and_reopen_on_the_same_folder()
    {
        var project = Project(1, "3825", title: "光伏组件");
        var first = await _folder.OpenAsync();
        await first.IndexCandidatesAsync([County("370102", "3612")], Ct);
        await first.IndexProjectsAsync([project], Ct);
        first.Dispose();

        var second = await _folder.OpenAsync();

        var found = await second.SearchProjectsAsync(new ProjectQuery(Text: "光伏"), Ct);
        Assert.Equal([project.Id], found.Hits.Select(h => h.Id));
        Assert.Equal(project.Title, found.Hits[0].Title);
        Assert.Equal(1, found.ByDivision["38"]);
        var candidates = await second.RetrieveCandidatesAsync(new CandidateQuery(IndustryCode.Parse("3612"), 1, 1, false, 10), Ct);
        Assert.Equal([new CandidateHit("370102", 15)], candidates);
    }

    [Fact]
    public async Task An_index_written_under_another_layout_is_durable_only_since_the_epoch()
    {
        var first = await _folder.OpenAsync();
        await first.IndexProjectsAsync([Project(1)], Ct);
        first.Dispose();
        var reopened = await _folder.OpenAsync();
        Assert.True(await reopened.ProjectsDurableUntilAsync(Ct) > DateTimeOffset.UtcNow.AddMinutes(-5));
        reopened.Dispose();

        // What an index of an earlier build looks like: its last commit names no layout (or another one).
        using (var directory = FSDirectory.Open(Path.Combine(_folder.Path, "projects")))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(global::Lucene.Net.Util.LuceneVersion.LUCENE_48, null) { OpenMode = OpenMode.APPEND }))
        {
            writer.SetCommitData(new Dictionary<string, string> { ["matching.committedAt"] = DateTimeOffset.UtcNow.ToString("O") });
            writer.Commit();
        }

        // The start-up reconcile then indexes every project again, so fields this build added are filled in.
        var upgraded = await _folder.OpenAsync();
        Assert.Equal(DateTimeOffset.UnixEpoch, await upgraded.ProjectsDurableUntilAsync(Ct));
        Assert.Equal(1, (await upgraded.SearchProjectsAsync(new ProjectQuery(), Ct)).Total);
    }

    [Fact]
    public async Task Writes_are_committed_in_the_background_without_dispose()
    {
        var engine = await _folder.OpenAsync(o => o.CommitInterval = TimeSpan.FromMilliseconds(100));

        await engine.IndexProjectsAsync([Project(1), Project(2)], Ct);

        // What a process starting after a crash would find: the last commit on disk.
        using var directory = FSDirectory.Open(Path.Combine(_folder.Path, "projects"));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var committed = 0;
        while (committed < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
            using var reader = DirectoryReader.Open(directory);
            committed = reader.NumDocs;
        }

        Assert.Equal(2, committed);
    }

    [Fact]
    public async Task A_second_engine_on_an_open_folder_is_refused()
    {
        await _folder.OpenAsync();

        Assert.ThrowsAny<LockObtainFailedException>(() => new LuceneSearchEngine(_folder.Options()));
    }

    [Fact]
    public async Task A_disposed_engine_refuses_calls()
    {
        var engine = await _folder.OpenAsync();
        engine.Dispose();
        engine.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => engine.SearchProjectsAsync(new ProjectQuery(), Ct));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => engine.IndexProjectsAsync([Project(1)], Ct));
    }

    [Fact]
    public async Task A_search_after_idling_sees_writes_made_while_idle()
    {
        var engine = await _folder.OpenAsync(o =>
        {
            o.RefreshInterval = TimeSpan.FromMilliseconds(50);
            o.SearchIdleAfter = TimeSpan.FromMilliseconds(100);
        });
        await engine.SearchProjectsAsync(new ProjectQuery(), Ct);
        await Task.Delay(300, Ct);

        // Idle now: the background loop no longer reopens, so only the search itself can catch up.
        var project = Project(1, "3825", title: "光伏组件");
        await engine.IndexProjectsAsync([project], Ct);
        await Task.Delay(300, Ct);
        var result = await engine.SearchProjectsAsync(new ProjectQuery(Text: "光伏"), Ct);

        Assert.Equal([project.Id], result.Hits.Select(h => h.Id));
    }

    // ---- Threads and bulk ---------------------------------------------------------------------

    [Fact]
    public async Task Concurrent_indexing_and_searching_loses_nothing()
    {
        var engine = await _folder.OpenAsync();
        var batches = Enumerable.Range(0, 8)
            .Select(task => Enumerable.Range(0, 300).Select(i => Project(task * 1_000 + i, Classes[i % Classes.Length])).ToArray())
            .ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var searches = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var searched = 0;
            while (!stop.IsCancellationRequested)
            {
                await engine.SearchProjectsAsync(new ProjectQuery(Text: "项目", Take: 5), Ct);
                await engine.RetrieveProjectsForCountyAsync(new ProjectsForCountyQuery(["3612", "361", "36", "C"], 500, 10_000, 5), Ct);
                searched++;
            }

            return searched;
        }, Ct)).ToArray();
        await Task.WhenAll(batches.Select(batch => Task.Run(async () =>
        {
            foreach (var chunk in batch.Chunk(25)) await engine.IndexProjectsAsync(chunk, Ct);
        }, Ct)));
        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(searches), searched => Assert.True(searched > 0));
        await engine.RefreshAsync(Ct);

        var all = await engine.SearchProjectsAsync(new ProjectQuery(Take: 10_000), Ct);
        Assert.Equal(2_400, all.Total);
        Assert.Equal(batches.SelectMany(b => b).Select(p => p.Id).Order(), all.Hits.Select(h => h.Id).Order());
    }

    [Fact]
    public async Task Rebuild_clears_then_bulk_indexes_ten_thousand_projects()
    {
        var engine = await _folder.OpenAsync();
        var stale = Enumerable.Range(0, 200).Select(i => Project(i, title: "旧项目")).ToArray();
        await engine.IndexProjectsAsync(stale, Ct);
        await engine.IndexCandidatesAsync([County("370102", "3612")], Ct);
        await engine.RefreshAsync(Ct);

        var projects = Enumerable.Range(0, 10_000)
            .Select(i => Project(i, Classes[i % Classes.Length], Statuses[i % Statuses.Length], i % 10 == 0 ? "光伏组件" : "锂电池", fit: [$"3701{i % 20:00}"]))
            .ToArray();
        await engine.ClearAsync(Ct);
        await engine.IndexProjectsAsync(projects, Ct);
        await engine.RefreshAsync(Ct);

        var all = await engine.SearchProjectsAsync(new ProjectQuery(Take: 3), Ct);
        Assert.Equal(10_000, all.Total);
        Assert.Equal(projects.CountBy(p => p.Status).ToDictionary(kv => kv.Key, kv => (long)kv.Value), all.ByStatus);
        Assert.Equal(projects.CountBy(p => p.IndustryCode[..2]).ToDictionary(kv => kv.Key, kv => (long)kv.Value), all.ByDivision);
        Assert.Equal(projects.TakeLast(3).Reverse().Select(p => p.Id), all.Hits.Select(h => h.Id));
        Assert.Equal(0, (await engine.SearchProjectsAsync(new ProjectQuery(Text: "旧项目"), Ct)).Total);
        Assert.Empty(await engine.RetrieveCandidatesAsync(new CandidateQuery(IndustryCode.Parse("3612"), 0, 0, false, 10), Ct));
        Assert.Equal(1_000, (await engine.SearchProjectsAsync(new ProjectQuery(Text: "光伏"), Ct)).Total);
        Assert.Equal(3_000, (await engine.SearchProjectsAsync(new ProjectQuery(Industry: IndustryCode.Parse("36")), Ct)).Total);
        Assert.Equal(500, (await engine.SearchProjectsAsync(new ProjectQuery(County: "370107"), Ct)).Total);
        var openInDivision38 = projects.Count(p => p.Status == ProjectStatus.Open && p.IndustryCode.StartsWith("38", StringComparison.Ordinal));
        Assert.Equal(openInDivision38, (await engine.SearchProjectsAsync(new ProjectQuery(Industry: IndustryCode.Parse("38"), Status: ProjectStatus.Open), Ct)).Total);
    }

    // ---- Exact sums ---------------------------------------------------------------------------

    [Fact]
    public async Task Relevance_is_exactly_the_industry_token_sum_in_both_directions()
    {
        var random = new Random(4754);
        string[] Codes() => [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Classes[random.Next(Classes.Length)])];
        var counties = Enumerable.Range(0, 60).Select(i => County($"3701{i:00}", Codes())).ToArray();
        var projects = Enumerable.Range(0, 60).Select(i => Project(i, Classes[random.Next(Classes.Length)])).ToArray();
        var engine = await _folder.OpenAsync();
        await engine.IndexCandidatesAsync(counties, Ct);
        await engine.IndexProjectsAsync(projects, Ct);
        await engine.RefreshAsync(Ct);

        foreach (var industry in Classes.Select(IndustryCode.Parse))
        {
            var query = IndustryTokens.Expand([industry]);
            var expected = counties
                .Select(c => new CandidateHit(c.Adcode, IndustryTokens.Relevance(query, c.IndustryTokens.ToHashSet())))
                .Where(h => h.Relevance > 0)
                .OrderByDescending(h => h.Relevance).ThenBy(h => h.Adcode, StringComparer.Ordinal)
                .ToArray();
            Assert.Equal(expected, await engine.RetrieveCandidatesAsync(new CandidateQuery(industry, 0, 0, false, 100), Ct));
        }

        foreach (var county in counties)
        {
            var expected = projects
                .Select(p => (p.Id, p.UpdatedAt, Relevance: IndustryTokens.Relevance(IndustryTokens.Expand([IndustryCode.Parse(p.IndustryCode)]), county.IndustryTokens.ToHashSet())))
                .Where(p => p.Relevance > 0)
                .OrderByDescending(p => p.Relevance).ThenByDescending(p => p.UpdatedAt)
                .Select(p => new ProjectForCountyHit(p.Id, p.Relevance))
                .ToArray();
            Assert.Equal(expected, await engine.RetrieveProjectsForCountyAsync(new ProjectsForCountyQuery(county.IndustryTokens, 500, 10_000, 100), Ct));
        }
    }

    [Fact]
    public async Task Equal_keys_are_ordered_by_the_id_text()
    {
        var engine = await _folder.OpenAsync();
        var projects = Enumerable.Range(0, 30).Select(i => Project(0, "3612") with { Title = "光伏组件" }).ToArray();
        await engine.IndexProjectsAsync(projects, Ct);
        await engine.RefreshAsync(Ct);
        var byIdText = projects.Select(p => p.Id).OrderBy(id => id.ToString(), StringComparer.Ordinal).ToArray();

        var recent = await engine.SearchProjectsAsync(new ProjectQuery(Take: 100), Ct);
        var text = await engine.SearchProjectsAsync(new ProjectQuery(Text: "光伏", Take: 100), Ct);
        var inbox = await engine.RetrieveProjectsForCountyAsync(new ProjectsForCountyQuery(["3612", "361", "36", "C"], 500, 10_000, 100), Ct);
        var page = await engine.SearchProjectsAsync(new ProjectQuery(Skip: 10, Take: 5), Ct);

        Assert.Equal(byIdText, recent.Hits.Select(h => h.Id));
        Assert.Equal(byIdText, text.Hits.Select(h => h.Id));
        Assert.Equal(byIdText, inbox.Select(h => h.Id));
        Assert.Equal(byIdText[10..15], page.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Replaced_and_deleted_projects_leave_the_facets()
    {
        var engine = await _folder.OpenAsync();
        var kept = Project(1, "3612");
        var deleted = Project(2, "2614");
        await engine.IndexProjectsAsync([kept, deleted], Ct);
        await engine.RefreshAsync(Ct);

        await engine.IndexProjectsAsync([kept with { Status = ProjectStatus.Awarded, IndustryCode = "3825" }], Ct);
        await engine.DeleteProjectAsync(deleted.Id, Ct);
        await engine.RefreshAsync(Ct);
        var result = await engine.SearchProjectsAsync(new ProjectQuery(), Ct);

        Assert.Equal(new Dictionary<ProjectStatus, long> { [ProjectStatus.Awarded] = 1 }, result.ByStatus);
        Assert.Equal(new Dictionary<string, long> { ["38"] = 1 }, result.ByDivision);
        Assert.Empty(await engine.RetrieveProjectsForCountyAsync(new ProjectsForCountyQuery(["3825", "382", "38", "C"], 500, 10_000, 10), Ct));
    }

    [Theory]
    [InlineData("新能源汽车", true)]  // 新能源 in the title, 汽车 in the description
    [InlineData("济南光伏", true)]    // no 南光 required across the word boundary
    [InlineData("光伏 济南", true)]
    [InlineData("济南锂电池", false)]
    [InlineData("汽车新能源", true)]
    public async Task Words_may_sit_in_different_fields_but_each_must_occur(string text, bool found)
    {
        var engine = await _folder.OpenAsync();
        var project = new ProjectDocument(Guid.NewGuid(), "新能源光伏项目", "落户济南，配套汽车零部件", "3825", "光伏设备及元器件制造", null, ProjectStatus.Open, null, [], 1, 1, 1, false, T0);
        await engine.IndexProjectsAsync([project], Ct);
        await engine.RefreshAsync(Ct);

        var result = await engine.SearchProjectsAsync(new ProjectQuery(Text: text), Ct);

        Assert.Equal(found ? 1 : 0, result.Total);
    }

    // ---- Edges --------------------------------------------------------------------------------

    [Fact]
    public async Task Pages_past_the_end_and_empty_pages_still_count_and_facet()
    {
        var engine = await _folder.OpenAsync();
        await engine.IndexProjectsAsync([Project(1), Project(2, "2614", ProjectStatus.Draft)], Ct);
        await engine.RefreshAsync(Ct);

        var past = await engine.SearchProjectsAsync(new ProjectQuery(Skip: 5, Take: 5), Ct);
        var none = await engine.SearchProjectsAsync(new ProjectQuery(Take: 0), Ct);
        var huge = await engine.SearchProjectsAsync(new ProjectQuery(Take: int.MaxValue), Ct);

        Assert.Empty(past.Hits);
        Assert.Equal(2, past.Total);
        Assert.Empty(none.Hits);
        Assert.Equal(new Dictionary<string, long> { ["36"] = 1, ["26"] = 1 }, none.ByDivision);
        Assert.Equal(2, huge.Hits.Count);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => engine.SearchProjectsAsync(new ProjectQuery(Skip: -1), Ct));
    }

    [Fact]
    public async Task Text_without_searchable_terms_matches_nothing_and_blank_text_is_no_criterion()
    {
        var engine = await _folder.OpenAsync();
        await engine.IndexProjectsAsync([Project(1)], Ct);
        await engine.RefreshAsync(Ct);

        Assert.Equal(0, (await engine.SearchProjectsAsync(new ProjectQuery(Text: "，。！"), Ct)).Total);
        Assert.Equal(1, (await engine.SearchProjectsAsync(new ProjectQuery(Text: "  "), Ct)).Total);
    }

    [Fact]
    public async Task Words_spread_over_fields_match_together()
    {
        var engine = await _folder.OpenAsync();
        var project = new ProjectDocument(Guid.NewGuid(), "光伏支架项目", "落户济南高新区", "3825", "光伏设备及元器件制造", null, ProjectStatus.Open, null, [], 1, 1, 1, false, T0);
        await engine.IndexProjectsAsync([project, Project(2)], Ct);
        await engine.RefreshAsync(Ct);

        var hits = await engine.SearchProjectsAsync(new ProjectQuery(Text: "济南 光伏"), Ct);

        Assert.Equal([project.Id], hits.Hits.Select(h => h.Id));
        Assert.True(hits.Hits[0].Score > 0);
    }

    [Theory]
    [InlineData("车")]
    [InlineData("C++")]
    [InlineData("5G基站")]
    [InlineData("！光伏！")]
    [InlineData("ＰＶ组件")]
    [InlineData("光伏😀组件")]
    [InlineData("年产20万辆新能源乘用车整车项目，配套电池、电机、电控三电系统及智能网联研发中心，总投资150亿元，分两期建设")]
    public async Task Any_text_is_a_valid_query(string text)
    {
        var engine = await _folder.OpenAsync();
        await engine.IndexProjectsAsync([Project(1, title: "5G基站光伏组件PV")], Ct);
        await engine.RefreshAsync(Ct);

        var result = await engine.SearchProjectsAsync(new ProjectQuery(Text: text), Ct);

        Assert.InRange(result.Total, 0, 1);
    }

    [Fact]
    public async Task A_malformed_industry_code_rejects_the_whole_batch()
    {
        var engine = await _folder.OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => engine.IndexProjectsAsync([Project(1), Project(2, "99x")], Ct));
        await engine.RefreshAsync(Ct);

        Assert.Equal(0, (await engine.SearchProjectsAsync(new ProjectQuery(), Ct)).Total);
    }

    [Fact]
    public async Task A_cancelled_call_is_a_cancelled_task()
    {
        var engine = await _folder.OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.IndexProjectsAsync([Project(1)], cancelled.Token));
    }

    [Fact]
    public void AddLuceneSearch_registers_one_configured_singleton_as_the_engine()
    {
        var services = new ServiceCollection().AddLuceneSearch(o => o.IndexPath = _folder.Path);

        var engineDescriptor = Assert.Single(services, d => d.ServiceType == typeof(LuceneSearchEngine));
        var portDescriptor = Assert.Single(services, d => d.ServiceType == typeof(ISearchEngine));
        Assert.Equal(ServiceLifetime.Singleton, engineDescriptor.Lifetime);
        Assert.Equal(ServiceLifetime.Singleton, portDescriptor.Lifetime);

        var options = new LuceneSearchOptions();
        foreach (var configure in services.Select(d => d.ImplementationInstance).OfType<IConfigureOptions<LuceneSearchOptions>>()) configure.Configure(options);
        Assert.Equal(_folder.Path, options.IndexPath);

        var engine = (LuceneSearchEngine)engineDescriptor.ImplementationFactory!(new Resolver(t => t == typeof(IOptions<LuceneSearchOptions>) ? Microsoft.Extensions.Options.Options.Create(options) : null));
        using (engine)
        {
            Assert.Same(engine, portDescriptor.ImplementationFactory!(new Resolver(t => t == typeof(LuceneSearchEngine) ? engine : null)));
        }
    }

    private sealed class Resolver(Func<Type, object?> resolve) : IServiceProvider
    {
        public object? GetService(Type serviceType) => resolve(serviceType);
    }

    public void Dispose() => _folder.Dispose();
}
