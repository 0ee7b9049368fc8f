using System.Text.Json;
using Matching.Domain;
using Matching.Domain.Projects;

namespace Matching.Search.Elasticsearch.Tests;

/// <summary>Bulk indexing, delete, clear and refresh as sent.</summary>
public sealed class WriteRequestTests
{
    private static readonly DateTimeOffset UpdatedAt = new(2026, 11, 1, 16, 0, 0, TimeSpan.FromHours(8));

    private static ProjectDocument Project(Guid? id = null, ProjectStatus status = ProjectStatus.Open) => new(
        id ?? Guid.NewGuid(), "新能源乘用车整车项目", "年产 20 万辆", "3612", "汽车整车制造", "新能源汽车", status,
        "370112", ["370102", "370103"], 1_500_000m, 1200.5m, 45_000m, true, UpdatedAt);

    [Fact]
    public async Task Projects_are_bulk_indexed_by_id_with_tokens_division_and_camel_case_status()
    {
        var (engine, invoker) = Wire.NewEngine();
        var id = Guid.Parse("0b8c6c1e-8c4f-4d0a-9a57-3f1d2b7c9e01");

        await engine.IndexProjectsAsync([Project(id, ProjectStatus.CoBuilt) with { HostCounties = ["370103", "370102"] }], Wire.Ct);

        var request = invoker.Single();
        Assert.Equal(("POST", "/_bulk"), (request.Method, request.Path));
        Assert.EndsWith("\n", request.Text);
        var lines = request.Lines;
        Assert.Equal(2, lines.Count);
        Wire.Equal("""{"index":{"_index":"matching-projects","_id":"0b8c6c1e-8c4f-4d0a-9a57-3f1d2b7c9e01"}}""", lines[0]);
        var document = lines[1];
        Wire.Equal("""
            {
              "id": "0b8c6c1e-8c4f-4d0a-9a57-3f1d2b7c9e01",
              "title": "新能源乘用车整车项目",
              "description": "年产 20 万辆",
              "industryCode": "3612",
              "industryTokens": ["36","361","3612","C"],
              "division": "36",
              "industryName": "汽车整车制造",
              "industryText": "新能源汽车",
              "status": "coBuilt",
              "firstContactCounty": "370112",
              "fitCounties": ["370102","370103"],
              "investment": 1500000,
              "landMu": 1200.5,
              "energyTce": 45000,
              "highEnergy": true,
              "updatedAt": "2026-11-01T16:00:00+08:00",
              "hostCounties": ["370103","370102"]
            }
            """, document);
        Assert.Equal(UpdatedAt, DateTimeOffset.Parse(document["updatedAt"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Every_status_is_written_as_MatchingJson_writes_it()
    {
        var (engine, invoker) = Wire.NewEngine();
        var statuses = Enum.GetValues<ProjectStatus>();

        await engine.IndexProjectsAsync(statuses.Select(s => Project(status: s)).ToArray(), Wire.Ct);

        var written = invoker.Single().Lines.Skip(1).Where((_, i) => i % 2 == 0).Select(d => d["status"]!.GetValue<string>());
        Assert.Equal(statuses.Select(s => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(s, MatchingJson.Options))), written);
    }

    [Fact]
    public async Task Candidates_are_bulk_indexed_by_adcode()
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.IndexCandidatesAsync(
        [
            new CandidateDocument("370102", "历下区", "370100", ["C", "36", "361", "3612", "36"], 500.5m, 10_000m),
            new CandidateDocument("370103", "市中区", "370100", [], 0m, 0m),
        ], Wire.Ct);

        var lines = invoker.Single().Lines;
        Assert.Equal(4, lines.Count);
        Wire.Equal("""{"index":{"_index":"matching-candidates","_id":"370102"}}""", lines[0]);
        Wire.Equal("""
            {"adcode":"370102","name":"历下区","prefectureAdcode":"370100","industryTokens":["36","361","3612","C"],
             "maxParkLandMu":500.5,"energyQuotaTce":10000}
            """, lines[1]);
        Wire.Equal("""{"index":{"_index":"matching-candidates","_id":"370103"}}""", lines[2]);
        Assert.Empty(lines[3]["industryTokens"]!.AsArray());
    }

    [Fact]
    public async Task Large_rebuilds_are_sent_in_batches_of_500()
    {
        var (engine, invoker) = Wire.NewEngine();
        var projects = Enumerable.Range(0, 1201).Select(_ => Project()).ToArray();

        await engine.IndexProjectsAsync(projects, Wire.Ct);

        Assert.Equal([1000, 1000, 402], invoker.Requests.Select(r => r.Lines.Count));
        Assert.Equal(
            projects.Select(p => p.Id.ToString()),
            invoker.Requests.SelectMany(r => r.Lines.Where((_, i) => i % 2 == 0)).Select(a => a["index"]!["_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Nothing_to_index_sends_nothing()
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.IndexProjectsAsync([], Wire.Ct);
        await engine.IndexCandidatesAsync([], Wire.Ct);

        Assert.Empty(invoker.Requests);
    }

    [Fact]
    public async Task A_rejected_document_fails_the_bulk_call_naming_it()
    {
        var (engine, invoker) = Wire.NewEngine();
        var id = Guid.NewGuid();
        invoker.Respond = _ => CannedResponse.Ok($$$$"""
            {"took":3,"errors":true,"items":[
              {"index":{"_index":"matching-projects","_id":"{{{{id}}}}","status":400,
                "error":{"type":"strict_dynamic_mapping_exception","reason":"mapping set to strict, dynamic introduction of [extra] within [_doc] is not allowed"}}}]}
            """);

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(() => engine.IndexProjectsAsync([Project(id)], Wire.Ct));

        Assert.Contains("1 of 1 documents rejected", error.Message);
        Assert.Contains(id.ToString(), error.Message);
        Assert.Contains("strict_dynamic_mapping_exception", error.Message);
    }

    [Fact]
    public async Task Deleting_sends_a_delete_by_id_and_a_missing_document_is_fine()
    {
        var (engine, invoker) = Wire.NewEngine();
        var id = Guid.Parse("5f0e2a44-1b7d-4c3e-8e2a-9d6b1c0f7a02");

        await engine.DeleteProjectAsync(id, Wire.Ct);

        var request = invoker.Single();
        Assert.Equal(("DELETE", "/matching-projects/_doc/5f0e2a44-1b7d-4c3e-8e2a-9d6b1c0f7a02"), (request.Method, request.Path));
        Assert.Empty(request.Body);
    }

    [Fact]
    public async Task Deleting_an_existing_document_succeeds()
    {
        var (engine, invoker) = Wire.NewEngine();
        invoker.Respond = r => CannedResponse.Ok($$$$"""
            {"_index":"matching-projects","_id":"{{{{r.Path.Split('/')[^1]}}}}","_version":2,"result":"deleted",
             "_shards":{"total":1,"successful":1,"failed":0},"_seq_no":5,"_primary_term":1}
            """);

        await engine.DeleteProjectAsync(Guid.NewGuid(), Wire.Ct);

        Assert.Single(invoker.Requests);
    }

    [Fact]
    public async Task Deleting_from_a_missing_index_is_an_error_not_an_absent_document()
    {
        var (engine, invoker) = Wire.NewEngine();
        invoker.Respond = _ => new CannedResponse(404, """
            {"error":{"root_cause":[{"type":"index_not_found_exception","reason":"no such index [matching-projects]"}],
             "type":"index_not_found_exception","reason":"no such index [matching-projects]","index":"matching-projects"},"status":404}
            """);

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(() => engine.DeleteProjectAsync(Guid.NewGuid(), Wire.Ct));

        Assert.Contains("index_not_found_exception", error.Message);
    }

    [Fact]
    public async Task Clearing_deletes_by_match_all_on_both_indexes_and_refreshes()
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.ClearAsync(Wire.Ct);

        var request = invoker.Single();
        Assert.Equal(("POST", "/matching-candidates,matching-projects/_delete_by_query"), (request.Method, Uri.UnescapeDataString(request.Path)));
        Assert.Equal("true", request.Parameters["refresh"]);
        Assert.Equal("proceed", request.Parameters["conflicts"]);
        Wire.Equal("""{"query":{"match_all":{}}}""", request.Json);
    }

    [Fact]
    public async Task Refreshing_refreshes_both_indexes()
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.RefreshAsync(Wire.Ct);

        var request = invoker.Single();
        Assert.Equal(("POST", "/matching-candidates,matching-projects/_refresh"), (request.Method, Uri.UnescapeDataString(request.Path)));
        Assert.Empty(request.Body);
    }
}
