using Matching.Domain.Cockpit;
using Matching.Domain.Compliance;
using Matching.Domain.Escalation;
using Matching.Domain.Decisions;
using Matching.Domain.Industries;
using Matching.Domain.Landing;
using Matching.Domain.Projects;

namespace Matching.Search.Contract;

/// <summary>
/// What every search engine of the platform must do, so that matching ranks the same on Lucene and on
/// Elasticsearch. Each test gets a fresh, empty engine.
/// </summary>
public abstract class SearchEngineContract
{
    /// <summary>A new engine over empty indexes of its own, with <see cref="ISearchEngine.EnsureIndexesAsync"/> done.</summary>
    protected abstract Task<ISearchEngine> CreateEngineAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CandidateDocument County(string adcode, decimal land, decimal energy, params string[] codes) =>
        new(adcode, "县" + adcode, adcode[..4] + "00", IndustryTokens.Expand(codes.Select(IndustryCode.Parse)), land, energy);

    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static ProjectDocument Project(
        string title,
        string industry = "3612",
        ProjectStatus status = ProjectStatus.Open,
        string description = "",
        string? industryText = null,
        string? firstContact = null,
        string[]? fit = null,
        decimal land = 100,
        decimal energy = 1000,
        bool highEnergy = false,
        int minutes = 0) =>
        new(Guid.NewGuid(), title, description, industry, "行业" + industry, industryText, status, firstContact,
            fit ?? [], 10_000, land, energy, highEnergy, T0.AddMinutes(minutes));

    private async Task<ISearchEngine> EngineWith(IReadOnlyCollection<CandidateDocument>? candidates = null, IReadOnlyCollection<ProjectDocument>? projects = null)
    {
        var engine = await CreateEngineAsync();
        if (candidates is not null) await engine.IndexCandidatesAsync(candidates, Ct);
        if (projects is not null) await engine.IndexProjectsAsync(projects, Ct);
        await engine.RefreshAsync(Ct);
        return engine;
    }

    // ---- Stage one of matching -------------------------------------------------------------------

    [Fact]
    public async Task Candidates_rank_by_the_summed_industry_boosts_then_adcode()
    {
        var engine = await EngineWith(
        [
            County("370102", 500, 10_000, "3612"),        // class: 8+4+2+1
            County("370103", 500, 10_000, "3611"),        // group: 4+2+1
            County("370104", 500, 10_000, "3670"),        // division: 2+1
            County("370105", 500, 10_000, "2614"),        // section C only: 1
            County("370112", 500, 10_000, "6513"),        // no overlap
            County("370101", 500, 10_000, "3670", "1713"), // division again, lower adcode first
        ]);

        var hits = await engine.RetrieveCandidatesAsync(new CandidateQuery(IndustryCode.Parse("3612"), 100, 1000, false, 10), Ct);

        Assert.Equal(["370102", "370103", "370101", "370104", "370105"], hits.Select(h => h.Adcode));
        Assert.Equal([15d, 7d, 3d, 3d, 1d], hits.Select(h => h.Relevance));
    }

    [Fact]
    public async Task Candidates_need_a_park_with_enough_land()
    {
        var engine = await EngineWith([County("370102", 299, 10_000, "3612"), County("370103", 300, 10_000, "3612"), County("370104", 0, 10_000, "3612")]);

        var hits = await engine.RetrieveCandidatesAsync(new CandidateQuery(IndustryCode.Parse("3612"), 300, 1000, false, 10), Ct);

        Assert.Equal(["370103"], hits.Select(h => h.Adcode));
    }

    [Fact]
    public async Task Energy_quota_filters_only_high_energy_projects()
    {
        var engine = await EngineWith([County("370102", 500, 5_000, "2511"), County("370103", 500, 50_000, "2511")]);

        var normal = await engine.RetrieveCandidatesAsync(new CandidateQuery(IndustryCode.Parse("2511"), 100, 20_000, false, 10), Ct);
        var twoHigh = await engine.RetrieveCandidatesAsync(new CandidateQuery(IndustryCode.Parse("2511"), 100, 20_000, true, 10), Ct);

        Assert.Equal(["370102", "370103"], normal.Select(h => h.Adcode));
        Assert.Equal(["370103"], twoHigh.Select(h => h.Adcode));
    }

    [Fact]
    public async Task Reindexing_a_candidate_replaces_it_and_size_cuts_the_list()
    {
        var engine = await EngineWith([County("370102", 500, 1, "3612"), County("370103", 500, 1, "3612"), County("370104", 500, 1, "3612")]);
        await engine.IndexCandidatesAsync([County("370102", 500, 1, "6513")], Ct);
        await engine.RefreshAsync(Ct);

        var hits = await engine.RetrieveCandidatesAsync(new CandidateQuery(IndustryCode.Parse("3612"), 1, 1, false, 1), Ct);

        Assert.Equal(["370103"], hits.Select(h => h.Adcode));
    }

    // ---- Project search ----------------------------------------------------------------------

    [Fact]
    public async Task Chinese_full_text_finds_photovoltaic_and_lithium_battery_projects()
    {
        var pv = Project("高效光伏组件生产基地", "3825");
        var battery = Project("储能项目", "3841", description: "建设动力锂电池电芯及模组产线");
        var vehicle = Project("新能源乘用车整车项目", "3612", industryText: "新能源汽车");
        var engine = await EngineWith(projects: [pv, battery, vehicle]);

        var pvHits = await engine.SearchProjectsAsync(new ProjectQuery(Text: "光伏"), Ct);
        var batteryHits = await engine.SearchProjectsAsync(new ProjectQuery(Text: "锂电池"), Ct);
        var nev = await engine.SearchProjectsAsync(new ProjectQuery(Text: "新能源汽车"), Ct);
        var none = await engine.SearchProjectsAsync(new ProjectQuery(Text: "造纸"), Ct);

        Assert.Equal([pv.Id], pvHits.Hits.Select(h => h.Id));
        Assert.Equal([battery.Id], batteryHits.Hits.Select(h => h.Id));
        Assert.Equal(vehicle.Id, nev.Hits[0].Id);
        Assert.Equal(0, none.Total);
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_description_match()
    {
        var inTitle = Project("光伏玻璃项目", "3042");
        var inDescription = Project("玻璃深加工项目", "3042", description: "产品可用于光伏组件");
        var engine = await EngineWith(projects: [inDescription, inTitle]);

        var hits = await engine.SearchProjectsAsync(new ProjectQuery(Text: "光伏"), Ct);

        Assert.Equal([inTitle.Id, inDescription.Id], hits.Hits.Select(h => h.Id));
    }

    [Theory]
    [InlineData("C", 3)]
    [InlineData("38", 2)]
    [InlineData("382", 1)]
    [InlineData("3825", 1)]
    [InlineData("36", 1)]
    [InlineData("65", 0)]
    public async Task Industry_filters_at_any_level(string code, int expected)
    {
        var engine = await EngineWith(projects: [Project("甲", "3825"), Project("乙", "3841"), Project("丙", "3612")]);

        var result = await engine.SearchProjectsAsync(new ProjectQuery(Industry: IndustryCode.Parse(code)), Ct);

        Assert.Equal(expected, result.Total);
    }

    [Fact]
    public async Task County_filter_matches_first_contact_or_fit()
    {
        var first = Project("甲", firstContact: "370102");
        var fits = Project("乙", fit: ["370103", "370102"]);
        var other = Project("丙", firstContact: "370104", fit: ["370105"]);
        var engine = await EngineWith(projects: [first, fits, other]);

        var result = await engine.SearchProjectsAsync(new ProjectQuery(County: "370102"), Ct);

        Assert.Equal(new[] { first.Id, fits.Id }.Order(), result.Hits.Select(h => h.Id).Order());
        Assert.Equal(2, result.Total);
    }

    [Fact]
    public async Task Status_filter_facets_paging_and_recency_order()
    {
        var projects = Enumerable.Range(0, 7)
            .Select(i => Project($"项目{i}", i < 4 ? "3612" : "2614", i % 2 == 0 ? ProjectStatus.Open : ProjectStatus.Draft, minutes: i))
            .ToArray();
        var engine = await EngineWith(projects: projects);

        var all = await engine.SearchProjectsAsync(new ProjectQuery(Skip: 0, Take: 3), Ct);
        var page2 = await engine.SearchProjectsAsync(new ProjectQuery(Skip: 3, Take: 3), Ct);
        var open = await engine.SearchProjectsAsync(new ProjectQuery(Status: ProjectStatus.Open), Ct);

        Assert.Equal(7, all.Total);
        Assert.Equal([projects[6].Id, projects[5].Id, projects[4].Id], all.Hits.Select(h => h.Id));
        Assert.Equal([projects[3].Id, projects[2].Id, projects[1].Id], page2.Hits.Select(h => h.Id));
        Assert.Equal(4, all.ByStatus[ProjectStatus.Open]);
        Assert.Equal(3, all.ByStatus[ProjectStatus.Draft]);
        Assert.Equal(4, all.ByDivision["36"]);
        Assert.Equal(3, all.ByDivision["26"]);
        Assert.Equal(4, open.Total);
        Assert.Equal(2, open.ByDivision["36"]);
        Assert.All(open.Hits, h => Assert.Equal(ProjectStatus.Open, h.Status));
        Assert.False(open.ByStatus.ContainsKey(ProjectStatus.Draft));
    }

    [Fact]
    public async Task Drafts_can_be_left_out_with_or_without_other_criteria()
    {
        var open = Project("光伏组件项目", "3825", firstContact: "370102", minutes: 1);
        var contested = Project("储能项目", "3841", status: ProjectStatus.Contested, minutes: 2);
        var draft = Project("光伏草稿项目", "3825", status: ProjectStatus.Draft, firstContact: "370102", minutes: 3);
        var engine = await EngineWith(projects: [open, contested, draft]);

        var everything = await engine.SearchProjectsAsync(new ProjectQuery(ExcludeDrafts: true), Ct);
        var text = await engine.SearchProjectsAsync(new ProjectQuery("光伏", ExcludeDrafts: true), Ct);
        var askedForDrafts = await engine.SearchProjectsAsync(new ProjectQuery(Status: ProjectStatus.Draft, ExcludeDrafts: true), Ct);

        Assert.Equal([contested.Id, open.Id], everything.Hits.Select(h => h.Id));
        Assert.False(everything.ByStatus.ContainsKey(ProjectStatus.Draft));
        Assert.Equal([open.Id], text.Hits.Select(h => h.Id));
        Assert.Equal(0, askedForDrafts.Total);
    }

    [Fact]
    public async Task Criteria_combine()
    {
        var hit = Project("光伏支架项目", "3825", firstContact: "370102");
        var engine = await EngineWith(projects:
        [
            hit,
            Project("光伏支架项目", "3825", status: ProjectStatus.Draft, firstContact: "370102"),
            Project("光伏支架项目", "3825", firstContact: "370103"),
            Project("支架项目", "3825", firstContact: "370102"),
        ]);

        var result = await engine.SearchProjectsAsync(new ProjectQuery("光伏", IndustryCode.Parse("38"), "370102", ProjectStatus.Open), Ct);

        Assert.Equal([hit.Id], result.Hits.Select(h => h.Id));
        Assert.Equal("光伏支架项目", result.Hits[0].Title);
        Assert.Equal("3825", result.Hits[0].IndustryCode);
    }

    [Fact]
    public async Task Reindexing_a_project_replaces_it_and_deleting_removes_it()
    {
        var project = Project("光伏项目", "3825");
        var other = Project("锂电池项目", "3841");
        var engine = await EngineWith(projects: [project, other]);

        await engine.IndexProjectsAsync([project with { Status = ProjectStatus.Withdrawn, Title = "光伏项目（已撤回）" }], Ct);
        await engine.DeleteProjectAsync(other.Id, Ct);
        await engine.DeleteProjectAsync(Guid.NewGuid(), Ct);
        await engine.RefreshAsync(Ct);

        var result = await engine.SearchProjectsAsync(new ProjectQuery(), Ct);
        Assert.Equal(1, result.Total);
        Assert.Equal(ProjectStatus.Withdrawn, result.Hits[0].Status);
        Assert.Equal("光伏项目（已撤回）", result.Hits[0].Title);
    }

    [Fact]
    public async Task Hits_say_where_a_project_is_talked_about_and_where_it_was_placed()
    {
        // The province map draws from these two fields alone, without reading any project grain.
        var cobuilt = Project("共建项目", "3825", ProjectStatus.CoBuilt, firstContact: "370102") with { HostCounties = ["370105", "370102"] };
        var open = Project("在谈项目", "3841", firstContact: "370883");
        var engine = await EngineWith(projects: [cobuilt, open]);

        var settled = (await engine.SearchProjectsAsync(new ProjectQuery(Status: ProjectStatus.CoBuilt), Ct)).Hits.Single();
        Assert.Equal(["370105", "370102"], settled.HostCounties);
        Assert.Equal("370102", settled.FirstContactCounty);
        var talked = (await engine.SearchProjectsAsync(new ProjectQuery(Status: ProjectStatus.Open), Ct)).Hits.Single();
        Assert.Equal("370883", talked.FirstContactCounty);
        Assert.Empty(talked.HostCounties);

        // Host counties are carried, not searched: they make no project a county's own.
        Assert.Equal(0, (await engine.SearchProjectsAsync(new ProjectQuery(County: "370105"), Ct)).Total);
    }

    [Fact]
    public async Task Counts_by_county_cover_every_project_of_the_statuses_beyond_any_page()
    {
        // 510 open projects in one county: more than the 500 hits the overview once placed per status.
        var many = Enumerable.Range(0, 510).Select(i => Project("在谈" + i, firstContact: "370102", minutes: i)).ToArray();
        ProjectDocument[] others =
        [
            Project("竞争甲", status: ProjectStatus.Contested, firstContact: "370102"),
            Project("竞争乙", status: ProjectStatus.Contested, firstContact: "370103"),
            Project("无首谈地", firstContact: null),
            Project("草稿", status: ProjectStatus.Draft, firstContact: "370102"),
            Project("落户甲", status: ProjectStatus.Awarded, firstContact: "370102") with { HostCounties = ["370105"] },
            Project("落户乙", status: ProjectStatus.Awarded) with { HostCounties = ["370105"] },
            Project("共建", status: ProjectStatus.CoBuilt, firstContact: "370103") with { HostCounties = ["370105", "370112"] },
            Project("已落地", status: ProjectStatus.Landed) with { HostCounties = ["370105"] },
        ];
        var engine = await EngineWith(projects: [.. many, .. others]);
        ProjectStatus[] talked = [ProjectStatus.Open, ProjectStatus.Contested], settled = [ProjectStatus.Awarded, ProjectStatus.CoBuilt];

        var open = await engine.CountByCountyAsync(new CountyCountQuery(talked, CountyPlacement.FirstContact), Ct);
        Assert.Equal(513, open.Projects);
        Assert.Equal(new Dictionary<string, long> { ["370102"] = 511, ["370103"] = 1 }, open.ByCounty);

        // A co-built project counts in each of its counties, once as a project.
        var placed = await engine.CountByCountyAsync(new CountyCountQuery(settled, CountyPlacement.Host), Ct);
        Assert.Equal(3, placed.Projects);
        Assert.Equal(new Dictionary<string, long> { ["370105"] = 3, ["370112"] = 1 }, placed.ByCounty);

        var awarded = await engine.CountByCountyAsync(new CountyCountQuery([ProjectStatus.Awarded], CountyPlacement.FirstContact), Ct);
        Assert.Equal((2L, 1L), (awarded.Projects, awarded.ByCounty.Single(c => c.Key == "370102").Value));

        // An open project awarded and indexed again moves from the talked-about count to the placed one.
        await engine.IndexProjectsAsync([many[0] with { Status = ProjectStatus.Awarded, HostCounties = ["370112"] }], Ct);
        await engine.DeleteProjectAsync(many[1].Id, Ct);
        await engine.RefreshAsync(Ct);
        open = await engine.CountByCountyAsync(new CountyCountQuery(talked, CountyPlacement.FirstContact), Ct);
        Assert.Equal(511, open.Projects);
        Assert.Equal(509, open.ByCounty["370102"]);
        placed = await engine.CountByCountyAsync(new CountyCountQuery(settled, CountyPlacement.Host), Ct);
        Assert.Equal(new Dictionary<string, long> { ["370105"] = 3, ["370112"] = 2 }, placed.ByCounty);
    }

    // ---- A county's inbox ---------------------------------------------------------------------

    [Fact]
    public async Task Projects_for_a_county_overlap_its_industries_fit_its_capacity_and_are_open()
    {
        var classMatch = Project("整车", "3612", minutes: 1);
        var groupMatch = Project("燃油车", "3611", status: ProjectStatus.Contested, minutes: 2);
        var tooBig = Project("大项目", "3612", land: 900);
        var twoHighTooHungry = Project("两高", "3612", energy: 90_000, highEnergy: true);
        var twoHighOk = Project("两高可行", "3612", energy: 9_000, highEnergy: true, minutes: 3);
        var notOpen = Project("草稿", "3612", status: ProjectStatus.Draft);
        var unrelated = Project("软件", "6513");
        var engine = await EngineWith(projects: [classMatch, groupMatch, tooBig, twoHighTooHungry, twoHighOk, notOpen, unrelated]);

        var hits = await engine.RetrieveProjectsForCountyAsync(
            new ProjectsForCountyQuery(IndustryTokens.Expand([IndustryCode.Parse("3612")]), 500, 10_000, 10), Ct);

        Assert.Equal([twoHighOk.Id, classMatch.Id, groupMatch.Id], hits.Select(h => h.Id));
        Assert.Equal([15d, 15d, 7d], hits.Select(h => h.Relevance));
    }

    // ---- Housekeeping -------------------------------------------------------------------------

    [Fact]
    public async Task Clearing_empties_both_indexes()
    {
        var engine = await EngineWith([County("370102", 500, 1, "3612")], [Project("甲")]);

        await engine.ClearAsync(Ct);
        await engine.RefreshAsync(Ct);

        Assert.Equal(0, (await engine.SearchProjectsAsync(new ProjectQuery(), Ct)).Total);
        Assert.Empty(await engine.RetrieveCandidatesAsync(new CandidateQuery(IndustryCode.Parse("3612"), 0, 0, false, 10), Ct));
    }

    [Fact]
    public async Task Writes_become_searchable_within_a_second_without_an_explicit_refresh()
    {
        var engine = await CreateEngineAsync();
        var project = Project("近实时可见的光伏项目", "3825");

        await engine.IndexProjectsAsync([project], Ct);

        var deadline = DateTime.UtcNow.AddSeconds(1);
        ProjectSearchResult result;
        do
        {
            result = await engine.SearchProjectsAsync(new ProjectQuery(Text: "光伏"), Ct);
            if (result.Total > 0) break;
            await Task.Delay(50, Ct);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal([project.Id], result.Hits.Select(h => h.Id));
    }

    // ---- Settled projects (the cockpit's projection) ------------------------------------------------

    private static Settlement Settled(int day, string lead, IReadOnlyList<HostShare>? shares = null, LandingOverdue? overdue = null, params LandingFigures[] confirmed) =>
        new(shares is null ? DecisionKind.Award : DecisionKind.CoBuild, T0.AddDays(day), lead, shares ?? [], "P" + lead, 120, 3000, 50_000, confirmed, overdue);

    [Fact]
    public async Task Settled_projects_come_back_with_their_settlement_in_decision_order_and_pages()
    {
        var signed = new LandingFigures(LandingStage.Signed, new DateOnly(2026, 11, 20), ContractNumber: "HT-1", Amount: 48_000.5m);
        var overdue = new LandingOverdue(LandingStage.Started, T0.AddDays(40), T0.AddDays(41));
        var cobuild = Project("共建项目", "3825", ProjectStatus.CoBuilt) with { Settlement = Settled(3, "370105", [new("370105", 60), new("370102", 40)], overdue, signed) };
        var award = Project("落户项目", "3612", ProjectStatus.Awarded) with { Settlement = Settled(1, "370883") };
        var landed = Project("已落地项目", "3841", ProjectStatus.Landed) with { Settlement = Settled(7, "370102", confirmed: signed) };
        var open = Project("在谈项目", "3612");
        var engine = await EngineWith(projects: [cobuild, award, landed, open]);

        var all = await engine.ReadSettledAsync(new SettledQuery(), Ct);
        Assert.Equal(3, all.Total);
        Assert.Equal([award.Id, cobuild.Id, landed.Id], all.Hits.Select(h => h.Id));
        var read = all.Hits[1];
        Assert.Equal(("共建项目", "3825", "38", ProjectStatus.CoBuilt), (read.Title, read.IndustryCode, read.Division, read.Status));
        Assert.Equal(cobuild.Settlement!.DecidedAt, read.Settlement.DecidedAt);
        Assert.Equal((DecisionKind.CoBuild, "370105", "P370105", 120m, 3000m, 50_000m), (read.Settlement.Kind, read.Settlement.Lead, read.Settlement.ParkId, read.Settlement.LandMu, read.Settlement.EnergyTce, read.Settlement.Investment));
        Assert.Equal(cobuild.Settlement.Shares, read.Settlement.Shares);
        Assert.Equal([signed], read.Settlement.Confirmed);
        Assert.Equal(overdue, read.Settlement.Overdue);

        // Pages, a period [from, before), a host county (lead or sharing), the overdue flag.
        var first = await engine.ReadSettledAsync(new SettledQuery(Take: 1), Ct);
        Assert.Equal([award.Id], first.Hits.Select(h => h.Id));
        Assert.Equal(new SettledCursor(award.Settlement!.DecidedAt, award.Id), first.Next);
        Assert.Equal([cobuild.Id], (await engine.ReadSettledAsync(new SettledQuery(After: first.Next, Take: 1), Ct)).Hits.Select(h => h.Id));
        Assert.Equal(3, (await engine.ReadSettledAsync(new SettledQuery(Take: 0), Ct)).Total);
        Assert.Equal([cobuild.Id], (await engine.ReadSettledAsync(new SettledQuery(DecidedFrom: T0.AddDays(3), DecidedBefore: T0.AddDays(7)), Ct)).Hits.Select(h => h.Id));
        Assert.Equal([cobuild.Id, landed.Id], (await engine.ReadSettledAsync(new SettledQuery(County: "370102"), Ct)).Hits.Select(h => h.Id));
        Assert.Equal([cobuild.Id], (await engine.ReadSettledAsync(new SettledQuery(OverdueOnly: true), Ct)).Hits.Select(h => h.Id));
        Assert.Equal([cobuild.Id], (await engine.ReadSettledAsync(new SettledQuery(County: "370105", OverdueOnly: true), Ct)).Hits.Select(h => h.Id));
        Assert.Empty((await engine.ReadSettledAsync(new SettledQuery(County: "370883", OverdueOnly: true), Ct)).Hits);
    }

    [Fact]
    public async Task A_project_indexed_again_without_its_settlement_leaves_the_settled_projects()
    {
        var award = Project("落户项目", "3612", ProjectStatus.Awarded) with { Settlement = Settled(1, "370883", overdue: new LandingOverdue(LandingStage.Signed, T0, T0)) };
        var engine = await EngineWith(projects: [award]);
        Assert.Single((await engine.ReadSettledAsync(new SettledQuery(OverdueOnly: true), Ct)).Hits);

        // The overdue stage reported: the flag goes, the project stays settled.
        await engine.IndexProjectsAsync([award with { Settlement = award.Settlement! with { Overdue = null } }], Ct);
        await engine.RefreshAsync(Ct);
        Assert.Empty((await engine.ReadSettledAsync(new SettledQuery(OverdueOnly: true), Ct)).Hits);
        Assert.Single((await engine.ReadSettledAsync(new SettledQuery(), Ct)).Hits);

        // Reopened: no decision in force.
        await engine.IndexProjectsAsync([award with { Status = ProjectStatus.Open, Settlement = null }], Ct);
        await engine.RefreshAsync(Ct);
        Assert.Equal(0, (await engine.ReadSettledAsync(new SettledQuery(), Ct)).Total);
    }

    [Fact]
    public async Task Settled_pages_follow_the_cursor_so_a_settlement_indexed_mid_read_is_read_exactly_once()
    {
        // Two decided at the same instant: the id breaks the tie, and the cursor passes between them.
        var tied = new[] { Project("同时甲", "3612", ProjectStatus.Awarded), Project("同时乙", "3612", ProjectStatus.Awarded) }
            .Select(p => p with { Settlement = Settled(2, "370102") }).OrderBy(p => p.Id.ToString("D"), StringComparer.Ordinal).ToArray();
        var late = Project("后定项目", "3612", ProjectStatus.Awarded) with { Settlement = Settled(5, "370105") };
        var engine = await EngineWith(projects: [.. tied, late]);

        var page1 = await engine.ReadSettledAsync(new SettledQuery(Take: 1), Ct);
        Assert.Equal([tied[0].Id], page1.Hits.Select(h => h.Id));

        // Settled meanwhile: one ordered before the cursor (an offset would shift onto tied[0] again), one after every hit.
        var early = Project("先定项目", "3612", ProjectStatus.Awarded) with { Settlement = Settled(1, "370883") };
        var last = Project("最后项目", "3612", ProjectStatus.Awarded) with { Settlement = Settled(9, "370883") };
        await engine.IndexProjectsAsync([early, last], Ct);
        await engine.RefreshAsync(Ct);

        var read = page1.Hits.Select(h => h.Id).ToList();
        for (var after = page1.Next; ;)
        {
            var page = await engine.ReadSettledAsync(new SettledQuery(After: after, Take: 1), Ct);
            if (page.Hits.Count == 0) break;
            Assert.Equal(5, page.Total);
            read.AddRange(page.Hits.Select(h => h.Id));
            after = page.Next;
        }

        Assert.Equal([tied[0].Id, tied[1].Id, late.Id, last.Id], read);
        Assert.Equal([early.Id, tied[0].Id, tied[1].Id, late.Id, last.Id], (await engine.ReadAllSettledAsync(new SettledQuery(), Ct)).Select(h => h.Id));
    }

    // ---- Contested projects (the contest board's projection) ---------------------------------------

    private static PlacedBid Placed(string county, int minutes) => new(
        new Bid(county, "P" + county, 80, 1200, 6, 12.5m, "专班服务", "配套齐全", ["本地企业甲"]),
        [new ComplianceFlag("FC-PRICE", "地价底线", "未登记地价底线", county)], "2026.1", "county-" + county, T0.AddMinutes(minutes)) { OnVersion = 3 };

    private static ContestStanding Standing(string? firstContact, params string[] bidders) => new(
        7, 30_000, 80, true, firstContact, new DateOnly(2026, 12, 31),
        [.. bidders.Select((c, i) => Placed(c, i))], bidders.ToDictionary(c => c, c => 61.5), 
        new ContestRoute(DecidingLevel.Prefecture, "370800", "济宁市", "ESC-SAME-PREFECTURE", "2026.1", "意向县均属济宁市，由济宁市统筹", "超过 10 亿元将上报省级", T0, ContestRoute.System),
        bidders);

    [Fact]
    public async Task Contested_projects_come_back_with_their_standing_newest_first_and_by_prefecture()
    {
        var jining = Project("济宁竞争", "3612", ProjectStatus.Contested, minutes: 5) with { Contest = Standing(null, "370811", "370881") };
        var mixed = Project("跨市竞争", "3825", ProjectStatus.Contested, minutes: 9) with { Contest = Standing("370102", "370105", "370211") };
        var open = Project("在谈项目", "3612", minutes: 20);
        var engine = await EngineWith(projects: [jining, mixed, open]);

        var all = await engine.ReadContestsAsync(new ContestQuery(), Ct);
        Assert.Equal(2, all.Total);
        Assert.Equal([mixed.Id, jining.Id], all.Hits.Select(h => h.Id));
        var read = all.Hits[1];
        Assert.Equal(("济宁竞争", "3612", ProjectStatus.Contested), (read.Title, read.IndustryCode, read.Status));
        var standing = jining.Contest!;
        Assert.Equal((7L, 30_000m, 80m, true, (string?)null, standing.Deadline), (read.Contest.Version, read.Contest.Investment, read.Contest.LandMu, read.Contest.HighEnergy, read.Contest.FirstContactCounty, read.Contest.Deadline));
        Assert.Equal(standing.Bids.Select(b => (b.Bid with { LocalChainPartners = [] }, b.RuleBookVersion, b.PlacedBy, b.PlacedAt, b.OnVersion)),
            read.Contest.Bids.Select(b => (b.Bid with { LocalChainPartners = [] }, b.RuleBookVersion, b.PlacedBy, b.PlacedAt, b.OnVersion)));
        Assert.Equal(standing.Bids.Select(b => b.Bid.LocalChainPartners.Single()), read.Contest.Bids.Select(b => b.Bid.LocalChainPartners.Single()));
        Assert.Equal(standing.Bids.SelectMany(b => b.Flags), read.Contest.Bids.SelectMany(b => b.Flags));
        Assert.Equal(standing.Scores.OrderBy(s => s.Key), read.Contest.Scores.OrderBy(s => s.Key));
        Assert.Equal(standing.Route, read.Contest.Route);
        Assert.Equal(standing.Parties, read.Contest.Parties);

        // A prefecture's board: contests with a party there, or first contact there.
        Assert.Equal([jining.Id], (await engine.ReadContestsAsync(new ContestQuery(Prefecture: "370800"), Ct)).Hits.Select(h => h.Id));
        Assert.Equal([mixed.Id], (await engine.ReadContestsAsync(new ContestQuery(Prefecture: "370100"), Ct)).Hits.Select(h => h.Id));
        Assert.Equal([mixed.Id], (await engine.ReadContestsAsync(new ContestQuery(Prefecture: "370200"), Ct)).Hits.Select(h => h.Id));
        Assert.Empty((await engine.ReadContestsAsync(new ContestQuery(Prefecture: "370300"), Ct)).Hits);
        Assert.Equal([mixed.Id], (await engine.ReadContestsAsync(new ContestQuery(Take: 1), Ct)).Hits.Select(h => h.Id));
        Assert.Equal(2, (await engine.ReadContestsAsync(new ContestQuery(Take: 0), Ct)).Total);
    }

    [Fact]
    public async Task A_contest_indexed_again_carries_its_new_standing_and_leaves_the_board_when_decided()
    {
        var contested = Project("竞争项目", "3612", ProjectStatus.Contested) with { Contest = Standing(null, "370811", "370881") };
        var engine = await EngineWith(projects: [contested]);

        // A third bid.
        await engine.IndexProjectsAsync([contested with { Contest = Standing(null, "370811", "370881", "370102") with { Version = 8 } }], Ct);
        await engine.RefreshAsync(Ct);
        var hit = (await engine.ReadContestsAsync(new ContestQuery(), Ct)).Hits.Single();
        Assert.Equal((8L, 3), (hit.Contest.Version, hit.Contest.Bids.Count));
        Assert.Equal([contested.Id], (await engine.ReadContestsAsync(new ContestQuery(Prefecture: "370100"), Ct)).Hits.Select(h => h.Id));

        // Awarded: no contest, no board entry.
        await engine.IndexProjectsAsync([contested with { Status = ProjectStatus.Awarded, Contest = null }], Ct);
        await engine.RefreshAsync(Ct);
        Assert.Equal(0, (await engine.ReadContestsAsync(new ContestQuery(), Ct)).Total);
        Assert.Empty((await engine.ReadContestsAsync(new ContestQuery(Prefecture: "370800"), Ct)).Hits);
    }

    [Fact]
    public async Task Board_entries_listings_and_hits_follow_every_reindex_across_many_refreshes()
    {
        // Each round re-indexes every contest with one more bid and refreshes, so that an engine which
        // keeps decoded entries per segment sees many new segments, and merges of them, between reads.
        string[] counties = ["370811", "370881", "370102", "370105", "370211", "370212", "370302", "370303", "370402", "370403", "370502", "370503"];
        var contests = Enumerable.Range(0, 30).Select(i => Project("多轮竞争" + i, "3612", ProjectStatus.Contested, minutes: i)).ToArray();
        var engine = await EngineWith();
        for (var round = 1; round <= counties.Length; round++)
        {
            var standing = Standing(null, counties[..round]) with { Version = round };
            await engine.IndexProjectsAsync([.. contests.Select(c => c with
            {
                Title = $"{c.Title} 第{round}轮",
                Contest = standing,
                Listing = new ProjectListing(c.Id, $"{c.Title} 第{round}轮", c.IndustryCode, c.Status, c.Investment, c.LandMu, c.EnergyTce, c.HighEnergy,
                    null, null, T0, T0, c.UpdatedAt, null),
            })], Ct);
            await engine.RefreshAsync(Ct);

            var board = await engine.ReadContestsAsync(new ContestQuery(Take: 100), Ct);
            Assert.Equal((contests.Length, contests.Length), ((int)board.Total, board.Hits.Count));
            Assert.All(board.Hits, h =>
            {
                Assert.Equal(((long)round, round), (h.Contest.Version, h.Contest.Bids.Count));
                Assert.EndsWith($" 第{round}轮", h.Title);
            });
            var listings = await engine.ReadListingsAsync([.. contests.Select(c => c.Id)], Ct);
            Assert.Equal(contests.Length, listings.Count);
            Assert.All(listings, l => Assert.EndsWith($" 第{round}轮", l.Title));
            var hits = (await engine.SearchProjectsAsync(new ProjectQuery(Status: ProjectStatus.Contested, Take: 100), Ct)).Hits;
            Assert.Equal(contests.Select(c => c.Id).Order(), hits.Select(h => h.Id).Order());
            Assert.All(hits, h => Assert.EndsWith($" 第{round}轮", h.Title));
        }
    }

    [Fact]
    public async Task Listings_are_read_by_id_as_indexed_and_follow_a_change()
    {
        static ProjectDocument Listed(ProjectDocument d, string? host = null) => d with
        {
            Listing = new ProjectListing(d.Id, d.Title, d.IndustryCode, d.Status, d.Investment, d.LandMu, d.EnergyTce, d.HighEnergy,
                d.FirstContactCounty, host, T0.AddDays(-3), d.Status == ProjectStatus.Draft ? null : T0.AddDays(-2), d.UpdatedAt, new DateOnly(2031, 3, 15)),
        };
        var open = Listed(Project("在谈列表项目", firstContact: "370102", land: 40.5m, energy: 300));
        var awarded = Listed(Project("已定列表项目", status: ProjectStatus.Awarded, minutes: 3), host: "370811");
        var unlisted = Project("无列表项目");
        var engine = await EngineWith(projects: [open, awarded, unlisted]);

        var read = (await engine.ReadListingsAsync([open.Id, awarded.Id, unlisted.Id, Guid.NewGuid(), open.Id], Ct)).OrderBy(l => l.Id).ToArray();
        // A document without a listing and an id not indexed are left out; an id asked twice is read once.
        Assert.Equal(new[] { awarded.Listing!, open.Listing! }.OrderBy(l => l.Id), read);
        Assert.Empty(await engine.ReadListingsAsync([], Ct));

        // Indexed again (a bid made it contested): the listing read is the new one.
        var contested = Listed(open with { Status = ProjectStatus.Contested, UpdatedAt = T0.AddMinutes(9) });
        await engine.IndexProjectsAsync([contested], Ct);
        await engine.RefreshAsync(Ct);
        Assert.Equal(contested.Listing, Assert.Single(await engine.ReadListingsAsync([open.Id], Ct)));
        await engine.DeleteProjectAsync(open.Id, Ct);
        await engine.RefreshAsync(Ct);
        Assert.Empty(await engine.ReadListingsAsync([open.Id], Ct));
    }

    [Fact]
    public async Task Ensuring_indexes_twice_keeps_the_documents()
    {
        var engine = await EngineWith(projects: [Project("甲")]);

        await engine.EnsureIndexesAsync(Ct);
        await engine.RefreshAsync(Ct);

        Assert.Equal(1, (await engine.SearchProjectsAsync(new ProjectQuery(), Ct)).Total);
    }
}
