namespace Matching.Search.Elasticsearch.Tests;

/// <summary>What <see cref="ISearchEngine.EnsureIndexesAsync"/> sends: existence checks, then mappings for missing indexes.</summary>
public sealed class IndexCreationRequestTests
{
    private const string ChineseText = """{"type":"text","analyzer":"smartcn","fields":{"cjk":{"type":"text","analyzer":"cjk"}}}""";

    [Fact]
    public async Task Missing_indexes_are_created_with_their_mappings()
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.EnsureIndexesAsync(Wire.Ct);

        Assert.Equal(
            ["HEAD /matching-candidates", "PUT /matching-candidates", "HEAD /matching-projects", "PUT /matching-projects"],
            invoker.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task The_projects_index_analyses_text_with_smartcn_and_cjk_bigrams_and_keeps_filters_as_keywords()
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.EnsureIndexesAsync(Wire.Ct);

        var body = invoker.Requests.Single(r => r is { Method: "PUT", Path: "/matching-projects" }).Json;
        Wire.Equal("""{"number_of_shards":1,"refresh_interval":"500ms"}""", body["settings"]);
        Assert.Equal("strict", body["mappings"]!["dynamic"]!.GetValue<string>());
        Wire.Equal($$"""
            {
              "id": {"type":"keyword"},
              "title": {{ChineseText}},
              "description": {{ChineseText}},
              "industryCode": {"type":"keyword"},
              "industryTokens": {"type":"keyword"},
              "division": {"type":"keyword"},
              "industryName": {{ChineseText}},
              "industryText": {{ChineseText}},
              "status": {"type":"keyword"},
              "firstContactCounty": {"type":"keyword","copy_to":"counties"},
              "fitCounties": {"type":"keyword","copy_to":"counties"},
              "counties": {"type":"keyword"},
              "investment": {"type":"double"},
              "landMu": {"type":"double"},
              "energyTce": {"type":"double"},
              "highEnergy": {"type":"boolean"},
              "updatedAt": {"type":"date"},
              "hostCounties": {"type":"keyword","index":false},
              "settledAt": {"type":"date"},
              "settledCounties": {"type":"keyword"},
              "overdue": {"type":"boolean"},
              "settlement": {"type":"keyword","index":false,"doc_values":false},
              "contestPrefectures": {"type":"keyword"},
              "contest": {"type":"keyword","index":false,"doc_values":false},
              "listing": {"type":"keyword","index":false,"doc_values":false}
            }
            """, body["mappings"]!["properties"]);
    }

    [Fact]
    public async Task The_candidates_index_has_keyword_tokens_and_numeric_capacities()
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.EnsureIndexesAsync(Wire.Ct);

        var body = invoker.Requests.Single(r => r is { Method: "PUT", Path: "/matching-candidates" }).Json;
        Wire.Equal("""{"number_of_shards":1,"refresh_interval":"500ms"}""", body["settings"]);
        Wire.Equal("""
            {
              "dynamic": "strict",
              "properties": {
                "adcode": {"type":"keyword"},
                "name": {"type":"keyword"},
                "prefectureAdcode": {"type":"keyword"},
                "industryTokens": {"type":"keyword"},
                "maxParkLandMu": {"type":"double"},
                "energyQuotaTce": {"type":"double"}
              }
            }
            """, body["mappings"]);
    }

    [Fact]
    public async Task The_prefix_names_the_indexes_and_the_refresh_interval_is_configurable()
    {
        var (engine, invoker) = Wire.NewEngine(new ElasticsearchSearchOptions { IndexPrefix = "tenant-a", RefreshInterval = TimeSpan.FromMilliseconds(500) });

        await engine.EnsureIndexesAsync(Wire.Ct);

        Assert.Equal(["/tenant-a-candidates", "/tenant-a-candidates", "/tenant-a-projects", "/tenant-a-projects"], invoker.Requests.Select(r => r.Path));
        Assert.All(invoker.Requests.Where(r => r.Method == "PUT"), r => Assert.Equal("500ms", r.Json["settings"]!["refresh_interval"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Existing_indexes_keep_their_documents_and_gain_the_fields_added_since()
    {
        var (engine, invoker) = Wire.NewEngine();
        invoker.Respond = r => r.Method == "HEAD" ? CannedResponse.Ok("") : RecordingRequestInvoker.DefaultResponse(r);

        await engine.EnsureIndexesAsync(Wire.Ct);

        // No index is created again; each existing one gets its mapping's properties put (adding fields only).
        Assert.Equal([("HEAD", "/matching-candidates"), ("PUT", "/matching-candidates/_mapping"), ("HEAD", "/matching-projects"), ("PUT", "/matching-projects/_mapping")],
            invoker.Requests.Select(r => (r.Method, r.Path)));
        using var mapping = System.Text.Json.JsonDocument.Parse(invoker.Requests[3].Body);
        Assert.Equal("keyword", mapping.RootElement.GetProperty("properties").GetProperty("hostCounties").GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_index_created_by_another_process_in_between_is_fine()
    {
        var (engine, invoker) = Wire.NewEngine();
        invoker.Respond = r => r.Method == "PUT"
            ? new CannedResponse(400, $$"""
                {"error":{"root_cause":[{"type":"resource_already_exists_exception","reason":"index [{{r.Path.Trim('/')}}/abc] already exists"}],
                 "type":"resource_already_exists_exception","reason":"index [{{r.Path.Trim('/')}}/abc] already exists","index":"{{r.Path.Trim('/')}}"},"status":400}
                """)
            : RecordingRequestInvoker.DefaultResponse(r);

        await engine.EnsureIndexesAsync(Wire.Ct);

        Assert.Equal(4, invoker.Requests.Count);
    }

    [Fact]
    public async Task A_cluster_without_the_smartcn_plugin_is_reported_with_the_servers_reason()
    {
        var (engine, invoker) = Wire.NewEngine();
        invoker.Respond = r => r.Method == "PUT"
            ? new CannedResponse(400, """
                {"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":"Failed to parse mapping: analyzer [smartcn] has not been configured in mappings"}],
                 "type":"mapper_parsing_exception","reason":"Failed to parse mapping: analyzer [smartcn] has not been configured in mappings"},"status":400}
                """)
            : RecordingRequestInvoker.DefaultResponse(r);

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(() => engine.EnsureIndexesAsync(Wire.Ct));

        Assert.Contains("creating index matching-candidates", error.Message);
        Assert.Contains("HTTP 400", error.Message);
        Assert.Contains("mapper_parsing_exception", error.Message);
        Assert.Contains("analyzer [smartcn] has not been configured", error.Message);
    }

    [Fact]
    public async Task An_unreachable_or_refusing_cluster_fails_the_existence_check()
    {
        var (engine, invoker) = Wire.NewEngine();
        invoker.Respond = r => new CannedResponse(401, "");

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(() => engine.EnsureIndexesAsync(Wire.Ct));

        Assert.Contains("checking index matching-candidates", error.Message);
        Assert.Contains("HTTP 401", error.Message);
        Assert.Single(invoker.Requests);
    }
}
