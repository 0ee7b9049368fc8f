using Matching.Domain.Projects;

namespace Matching.Search.Elasticsearch.Tests;

/// <summary>The per-county count as sent (no hits, one terms aggregation) and its response as read back.</summary>
public sealed class CountRequestTests
{
    [Theory]
    [InlineData(CountyPlacement.FirstContact, "firstContactCounty")]
    [InlineData(CountyPlacement.Host, "hostCounties")]
    public async Task A_count_asks_for_no_hits_and_one_bucket_per_county(CountyPlacement by, string field)
    {
        var (engine, invoker) = Wire.NewEngine();

        await engine.CountByCountyAsync(new CountyCountQuery([ProjectStatus.Contested, ProjectStatus.Open, ProjectStatus.Open], by), Wire.Ct);

        var request = invoker.Single();
        Assert.Equal(("POST", "/matching-projects/_search"), (request.Method, request.Path));
        Wire.Equal("""
            {
              "query": {"bool": {"filter": {"terms": {"status": ["open", "contested"]}}}},
              "size": 0,
              "track_total_hits": true,
              "aggregations": {"byCounty": {"terms": {"field": "FIELD", "size": 4000}}}
            }
            """.Replace("FIELD", field), request.Json);
    }

    [Fact]
    public async Task Buckets_are_read_as_counts_by_adcode_and_the_total_as_the_projects()
    {
        var (engine, invoker) = Wire.NewEngine();
        invoker.Respond = _ => CannedResponse.Ok("""
            {"took":3,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
             "hits":{"total":{"value":1203,"relation":"eq"},"max_score":null,"hits":[]},
             "aggregations":{
               "sterms#byCounty":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[
                 {"key":"370102","doc_count":1100},{"key":"370883","doc_count":100},{"key":"371726","doc_count":2}]}}}
            """);

        var counts = await engine.CountByCountyAsync(new CountyCountQuery([ProjectStatus.Open], CountyPlacement.FirstContact), Wire.Ct);

        Assert.Equal(1203, counts.Projects);
        Assert.Equal(new Dictionary<string, long> { ["370102"] = 1100, ["370883"] = 100, ["371726"] = 2 }, counts.ByCounty);
    }

    [Fact]
    public async Task A_count_without_a_status_is_refused_before_any_request()
    {
        var (engine, invoker) = Wire.NewEngine();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => engine.CountByCountyAsync(new CountyCountQuery([], CountyPlacement.Host), Wire.Ct));
        Assert.Empty(invoker.Requests);
    }
}
