using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Search.Elasticsearch.Tests;

/// <summary>The three searches as sent, and their responses as read back.</summary>
public sealed class QueryRequestTests
{
    // One constant-score clause per token of 3612's path, boosted 8/4/2/1 by level.
    private const string LevelBoosts = """
        [
          {"constant_score":{"filter":{"term":{"industryTokens":{"value":"3612"}}},"boost":8}},
          {"constant_score":{"filter":{"term":{"industryTokens":{"value":"361"}}},"boost":4}},
          {"constant_score":{"filter":{"term":{"industryTokens":{"value":"36"}}},"boost":2}},
          {"constant_score":{"filter":{"term":{"industryTokens":{"value":"C"}}},"boost":1}}
        ]
        """;

    private static readonly Guid P1 = Guid.Parse("0b8c6c1e-8c4f-4d0a-9a57-3f1d2b7c9e01");
    private static readonly Guid P2 = Guid.Parse("5f0e2a44-1b7d-4c3e-8e2a-9d6b1c0f7a02");

    // ---- Stage one of matching ----------------------------------------------------------------

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Candidates_are_filtered_by_capacity_and_scored_by_constant_level_boosts(bool highEnergy)
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.RetrieveCandidatesAsync(new CandidateQuery(IndustryCode.Parse("3612"), 300, 20_000, highEnergy, 10), Wire.Ct);

        var request = invoker.Single();
        Assert.Equal(("POST", "/matching-candidates/_search"), (request.Method, request.Path));
        // The client writes a one-clause list as a single clause, which Elasticsearch reads alike.
        var filter = highEnergy
            ? """[{"range":{"maxParkLandMu":{"gte":300}}}, {"range":{"energyQuotaTce":{"gte":20000}}}]"""
            : """{"range":{"maxParkLandMu":{"gte":300}}}""";
        Wire.Equal($$$$"""
            {
              "query": {
                "bool": {
                  "filter": {{{{filter}}}},
                  "should": {{{{LevelBoosts}}}},
                  "minimum_should_match": 1
                }
              },
              "sort": [{"_score":{"order":"desc"}}, {"adcode":{"order":"asc"}}],
              "size": 10,
              "_source": false
            }
            """, request.Json);
    }

    [Fact]
    public async Task A_division_query_boosts_only_the_division_and_section()
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.RetrieveCandidatesAsync(new CandidateQuery(IndustryCode.Parse("36"), 0, 0, false, 5), Wire.Ct);

        Wire.Equal("""
            [
              {"constant_score":{"filter":{"term":{"industryTokens":{"value":"36"}}},"boost":2}},
              {"constant_score":{"filter":{"term":{"industryTokens":{"value":"C"}}},"boost":1}}
            ]
            """, invoker.Single().Json["query"]!["bool"]!["should"]);
    }

    [Fact]
    public async Task Candidate_hits_are_read_as_adcode_and_score_in_the_servers_order()
    {
        var (engine, invoker) = Wire.NewEngine();
        invoker.Respond = _ => CannedResponse.Ok("""
            {"took":2,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
             "hits":{"total":{"value":3,"relation":"eq"},"max_score":null,"hits":[
               {"_index":"matching-candidates","_id":"370102","_score":15.0,"sort":[15.0,"370102"]},
               {"_index":"matching-candidates","_id":"370103","_score":7.0,"sort":[7.0,"370103"]},
               {"_index":"matching-candidates","_id":"370101","_score":3.0,"sort":[3.0,"370101"]}]}}
            """);

        var hits = await engine.RetrieveCandidatesAsync(new CandidateQuery(IndustryCode.Parse("3612"), 100, 1000, false, 10), Wire.Ct);

        Assert.Equal([new CandidateHit("370102", 15), new CandidateHit("370103", 7), new CandidateHit("370101", 3)], hits);
    }

    [Fact]
    public async Task A_size_of_zero_asks_nothing()
    {
        var (engine, invoker) = Wire.NewEngine();

        var hits = await engine.RetrieveCandidatesAsync(new CandidateQuery(IndustryCode.Parse("3612"), 100, 1000, false, 0), Wire.Ct);

        Assert.Empty(hits);
        Assert.Empty(invoker.Requests);
    }

    // ---- Project search ----------------------------------------------------------------------

    [Fact]
    public async Task Project_search_combines_filters_multi_field_text_paging_facets_and_exact_totals()
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.SearchProjectsAsync(new ProjectQuery(" 光伏 ", IndustryCode.Parse("38"), "370102", ProjectStatus.CoBuilt, Skip: 20, Take: 10), Wire.Ct);

        var request = invoker.Single();
        Assert.Equal(("POST", "/matching-projects/_search"), (request.Method, request.Path));
        // Facets are read by aggregation type, which the client asks the server to name.
        Assert.Equal("true", request.Parameters["typed_keys"]);
        Wire.Equal("""
            {
              "query": {
                "bool": {
                  "filter": [
                    {"term":{"status":{"value":"coBuilt"}}},
                    {"term":{"industryTokens":{"value":"38"}}},
                    {"term":{"counties":{"value":"370102"}}}
                  ],
                  "must": {
                    "multi_match": {
                      "query": "光伏",
                      "type": "best_fields",
                      "fields": ["title^3","title.cjk^3","description","description.cjk","industryText","industryText.cjk","industryName","industryName.cjk"],
                      "minimum_should_match": 1
                    }
                  }
                }
              },
              "sort": [{"_score":{"order":"desc"}}, {"updatedAt":{"order":"desc"}}, {"id":{"order":"asc"}}],
              "from": 20,
              "size": 10,
              "track_total_hits": true,
              "_source": {"includes":["id","title","industryCode","status","firstContactCounty","hostCounties"]},
              "aggregations": {
                "byStatus": {"terms":{"field":"status","size":9}},
                "byDivision": {"terms":{"field":"division","size":100}}
              }
            }
            """, request.Json);
    }

    [Fact]
    public async Task Project_search_without_criteria_matches_all_newest_first()
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.SearchProjectsAsync(new ProjectQuery(), Wire.Ct);

        var body = invoker.Single().Json;
        Wire.Equal("""{"bool":{}}""", body["query"]);
        Wire.Equal("""[{"_score":{"order":"desc"}}, {"updatedAt":{"order":"desc"}}, {"id":{"order":"asc"}}]""", body["sort"]);
        Assert.Equal(0, body["from"]!.GetValue<int>());
        Assert.Equal(20, body["size"]!.GetValue<int>());
        Assert.True(body["track_total_hits"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Leaving_out_drafts_is_a_must_not_on_the_status()
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.SearchProjectsAsync(new ProjectQuery(ExcludeDrafts: true), Wire.Ct);

        Wire.Equal("""{"bool":{"must_not":{"term":{"status":{"value":"draft"}}}}}""", invoker.Single().Json["query"]);
    }

    [Theory]
    [InlineData("C")]
    [InlineData("36")]
    [InlineData("361")]
    [InlineData("3612")]
    public async Task The_industry_filter_is_one_term_on_the_expanded_tokens_at_any_level(string code)
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.SearchProjectsAsync(new ProjectQuery(Industry: IndustryCode.Parse(code)), Wire.Ct);

        Wire.Equal($$$$"""{"term":{"industryTokens":{"value":"{{{{code}}}}"}}}""", invoker.Single().Json["query"]!["bool"]!["filter"]);
    }

    [Fact]
    public async Task A_search_response_becomes_hits_totals_and_facet_counts()
    {
        var (engine, invoker) = Wire.NewEngine();
        invoker.Respond = _ => CannedResponse.Ok($$$$"""
            {"took":4,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
             "hits":{"total":{"value":7,"relation":"eq"},"max_score":null,"hits":[
               {"_index":"matching-projects","_id":"{{{{P1}}}}","_score":2.5,
                "_source":{"id":"{{{{P1}}}}","title":"高效光伏组件生产基地","industryCode":"3825","status":"open"},"sort":[2.5,1793520000000,"{{{{P1}}}}"]},
               {"_index":"matching-projects","_id":"{{{{P2}}}}","_score":1.25,
                "_source":{"id":"{{{{P2}}}}","title":"光伏玻璃项目","industryCode":"3042","status":"coBuilt"},"sort":[1.25,1793520000000,"{{{{P2}}}}"]}]},
             "aggregations":{
               "sterms#byStatus":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[
                 {"key":"open","doc_count":4},{"key":"draft","doc_count":2},{"key":"coBuilt","doc_count":1},{"key":"someday","doc_count":9}]},
               "sterms#byDivision":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[
                 {"key":"36","doc_count":4},{"key":"26","doc_count":3}]}}}
            """);

        var result = await engine.SearchProjectsAsync(new ProjectQuery(Text: "光伏", Take: 2), Wire.Ct);

        Assert.Equal(7, result.Total);
        Assert.Equal(
            [new ProjectHit(P1, "高效光伏组件生产基地", "3825", ProjectStatus.Open, 2.5), new ProjectHit(P2, "光伏玻璃项目", "3042", ProjectStatus.CoBuilt, 1.25)],
            result.Hits);
        // A status this build does not know ("someday") is left out rather than failing the search.
        Assert.Equal(
            new Dictionary<ProjectStatus, long> { [ProjectStatus.Open] = 4, [ProjectStatus.Draft] = 2, [ProjectStatus.CoBuilt] = 1 },
            result.ByStatus);
        Assert.Equal(new Dictionary<string, long> { ["36"] = 4, ["26"] = 3 }, result.ByDivision);
    }

    [Fact]
    public async Task Settled_projects_are_filtered_by_decision_time_host_county_and_overdue_flag_in_decision_order()
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.ReadSettledAsync(new SettledQuery(
            DecidedFrom: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), DecidedBefore: new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)),
            County: "370211", OverdueOnly: true, After: new SettledCursor(new DateTimeOffset(2026, 11, 3, 2, 0, 0, 500, TimeSpan.Zero).AddTicks(7), P1), Take: 20), Wire.Ct);

        var body = invoker.Single().Json;
        Wire.Equal("""
            {"bool":{"filter":[
              {"range":{"settledAt":{"gte":"2025-12-31T16:00:00Z","lt":"2026-12-31T16:00:00Z"}}},
              {"term":{"settledCounties":{"value":"370211"}}},
              {"term":{"overdue":{"value":true}}}]}}
            """, body["query"]);
        Wire.Equal("""[{"settledAt":{"order":"asc"}}, {"id":{"order":"asc"}}]""", body["sort"]);
        // The cursor as Elasticsearch sorts: the date in epoch milliseconds (as stored), then the id; no offset.
        Wire.Equal($$"""[1793671200500, "{{P1}}"]""", body["search_after"]);
        Assert.Null(body["from"]);
        Assert.Equal((20, true), (body["size"]!.GetValue<int>(), body["track_total_hits"]!.GetValue<bool>()));
        Wire.Equal("""{"includes":["id","title","industryCode","status","settlement"]}""", body["_source"]);
    }

    [Fact]
    public async Task Contested_projects_are_read_newest_first_filtered_by_status_and_prefecture()
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.ReadContestsAsync(new ContestQuery(Prefecture: "370800", Take: 100), Wire.Ct);

        var body = invoker.Single().Json;
        Wire.Equal("""
            {"bool":{"filter":[
              {"term":{"status":{"value":"contested"}}},
              {"term":{"contestPrefectures":{"value":"370800"}}}]}}
            """, body["query"]);
        Wire.Equal("""[{"updatedAt":{"order":"desc"}}, {"id":{"order":"asc"}}]""", body["sort"]);
        Assert.Equal((100, true), (body["size"]!.GetValue<int>(), body["track_total_hits"]!.GetValue<bool>()));
        Wire.Equal("""{"includes":["id","title","industryCode","status","contest"]}""", body["_source"]);
    }

    [Fact]
    public async Task A_contested_hit_carries_its_standing_back_and_one_without_is_left_out()
    {
        var (engine, invoker) = Wire.NewEngine();
        var bid = new Domain.Compliance.PlacedBid(new Domain.Compliance.Bid("370811", "S1", 50, 900, 6, 10m, "专班", "无", []), [], "2026.1", "county-370811",
            new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero)) { OnVersion = 4 };
        var standing = new Domain.Decisions.ContestStanding(6, 20_000, 50, false, "370811", null, [bid], new Dictionary<string, double> { ["370811"] = 70.5 }, null, ["370811", "370881"]);
        var json = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonSerializer.Serialize(standing, Domain.MatchingJson.Options));
        invoker.Respond = _ => CannedResponse.Ok($$$$"""
            {"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
             "hits":{"total":{"value":2,"relation":"eq"},"max_score":null,"hits":[
               {"_index":"matching-projects","_id":"{{{{P1}}}}","_score":null,
                "_source":{"id":"{{{{P1}}}}","title":"竞争项目","industryCode":"3825","status":"contested","contest":{{{{json}}}}},"sort":[1793520000000,"{{{{P1}}}}"]},
               {"_index":"matching-projects","_id":"{{{{P2}}}}","_score":null,
                "_source":{"id":"{{{{P2}}}}","title":"旧文档","industryCode":"3825","status":"contested"},"sort":[1793520000000,"{{{{P2}}}}"]}]}}
            """);

        var page = await engine.ReadContestsAsync(new ContestQuery(), Wire.Ct);

        Assert.Equal(2, page.Total);
        var hit = Assert.Single(page.Hits);
        Assert.Equal((P1, "竞争项目", "3825", ProjectStatus.Contested), (hit.Id, hit.Title, hit.IndustryCode, hit.Status));
        Assert.Equal((6L, 20_000m, "370811"), (hit.Contest.Version, hit.Contest.Investment, hit.Contest.FirstContactCounty));
        Assert.Equal((bid.Bid with { LocalChainPartners = [] }, bid.PlacedAt, 4L), (hit.Contest.Bids.Single().Bid with { LocalChainPartners = [] }, hit.Contest.Bids.Single().PlacedAt, hit.Contest.Bids.Single().OnVersion));
        Assert.Equal(70.5, hit.Contest.Scores["370811"]);
        Assert.Equal(["370811", "370881"], hit.Contest.Parties);
    }

    [Fact]
    public async Task A_settled_hit_carries_its_settlement_back()
    {
        var (engine, invoker) = Wire.NewEngine();
        var settlement = new Domain.Cockpit.Settlement(Domain.Decisions.DecisionKind.CoBuild, new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero), "370211",
            [new("370211", 70), new("370212", 30)], "S1", 12, 80, 5000, [new(Domain.Landing.LandingStage.Signed, new DateOnly(2026, 11, 20), "HT-1", 4800)], null);
        var json = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonSerializer.Serialize(settlement, Domain.MatchingJson.Options));
        invoker.Respond = _ => CannedResponse.Ok($$$$"""
            {"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
             "hits":{"total":{"value":9,"relation":"eq"},"max_score":null,"hits":[
               {"_index":"matching-projects","_id":"{{{{P1}}}}","_score":null,
                "_source":{"id":"{{{{P1}}}}","title":"共建项目","industryCode":"3825","status":"coBuilt","settlement":{{{{json}}}}},"sort":[1793520000000,"{{{{P1}}}}"]}]}}
            """);

        var page = await engine.ReadSettledAsync(new SettledQuery(Take: 1), Wire.Ct);

        Assert.Equal(9, page.Total);
        var hit = Assert.Single(page.Hits);
        Assert.Equal((P1, "共建项目", "3825", "38", ProjectStatus.CoBuilt), (hit.Id, hit.Title, hit.IndustryCode, hit.Division, hit.Status));
        Assert.Equal(settlement.Shares, hit.Settlement.Shares);
        Assert.Equal(settlement.Confirmed, hit.Settlement.Confirmed);
        Assert.Equal(settlement with { Shares = hit.Settlement.Shares, Confirmed = hit.Settlement.Confirmed }, hit.Settlement);
    }

    [Fact]
    public async Task An_empty_search_has_no_hits_and_no_facets()
    {
        var (engine, _) = Wire.NewEngine();

        var result = await engine.SearchProjectsAsync(new ProjectQuery(Text: "造纸"), Wire.Ct);

        Assert.Equal(0, result.Total);
        Assert.Empty(result.Hits);
        Assert.Empty(result.ByStatus);
        Assert.Empty(result.ByDivision);
    }

    [Fact]
    public async Task A_rejected_search_raises_the_servers_reason()
    {
        var (engine, invoker) = Wire.NewEngine();
        invoker.Respond = _ => new CannedResponse(400, """
            {"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"Result window is too large"}],
             "type":"search_phase_execution_exception","reason":"all shards failed"},"status":400}
            """);

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(() => engine.SearchProjectsAsync(new ProjectQuery(Skip: 20_000), Wire.Ct));

        Assert.Contains("searching projects", error.Message);
        Assert.Contains("search_phase_execution_exception", error.Message);
    }

    // ---- A county's inbox ---------------------------------------------------------------------

    [Fact]
    public async Task Projects_for_a_county_filter_status_land_and_energy_and_score_by_the_countys_tokens()
    {
        var (engine, invoker) = Wire.NewEngine();

        // Duplicated tokens must not count twice.
        await engine.RetrieveProjectsForCountyAsync(new ProjectsForCountyQuery(["3612", "361", "36", "C", "3612"], 500, 10_000, 10), Wire.Ct);

        var request = invoker.Single();
        Assert.Equal(("POST", "/matching-projects/_search"), (request.Method, request.Path));
        Wire.Equal($$$$"""
            {
              "query": {
                "bool": {
                  "filter": [
                    {"terms":{"status":["open","contested"]}},
                    {"range":{"landMu":{"lte":500}}},
                    {"bool":{"should":[{"term":{"highEnergy":{"value":false}}},{"range":{"energyTce":{"lte":10000}}}],"minimum_should_match":1}}
                  ],
                  "should": {{{{LevelBoosts}}}},
                  "minimum_should_match": 1
                }
              },
              "sort": [{"_score":{"order":"desc"}}, {"updatedAt":{"order":"desc"}}, {"id":{"order":"asc"}}],
              "size": 10,
              "_source": false
            }
            """, request.Json);
    }

    [Fact]
    public async Task Project_hits_for_a_county_are_read_as_id_and_relevance()
    {
        var (engine, invoker) = Wire.NewEngine();
        invoker.Respond = _ => CannedResponse.Ok($$$$"""
            {"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
             "hits":{"total":{"value":2,"relation":"eq"},"max_score":null,"hits":[
               {"_index":"matching-projects","_id":"{{{{P1}}}}","_score":15.0,"sort":[15.0,1793520180000,"{{{{P1}}}}"]},
               {"_index":"matching-projects","_id":"{{{{P2}}}}","_score":7.0,"sort":[7.0,1793520120000,"{{{{P2}}}}"]}]}}
            """);

        var hits = await engine.RetrieveProjectsForCountyAsync(new ProjectsForCountyQuery(["3612", "361", "36", "C"], 500, 10_000, 10), Wire.Ct);

        Assert.Equal([new ProjectForCountyHit(P1, 15), new ProjectForCountyHit(P2, 7)], hits);
    }

    [Fact]
    public async Task A_county_without_industries_gets_nothing_without_asking()
    {
        var (engine, invoker) = Wire.NewEngine();

        var hits = await engine.RetrieveProjectsForCountyAsync(new ProjectsForCountyQuery([], 500, 10_000, 10), Wire.Ct);

        Assert.Empty(hits);
        Assert.Empty(invoker.Requests);
    }
}
