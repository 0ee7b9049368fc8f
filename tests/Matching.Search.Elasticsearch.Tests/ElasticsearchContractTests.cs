using Elastic.Clients.Elasticsearch;
using Matching.Search.Contract;

namespace Matching.Search.Elasticsearch.Tests;

/// <summary>
/// The engine contract against a real Elasticsearch 9 with the analysis-smartcn plugin, at the address in
/// <c>MATCHING_ES_URL</c> (credentials, when the cluster needs them, in <c>MATCHING_ES_API_KEY</c> or
/// <c>MATCHING_ES_USERNAME</c>/<c>MATCHING_ES_PASSWORD</c>). Without the variable every test is skipped.
/// Each test gets indexes under a prefix of its own, deleted when the test ends.
/// </summary>
public sealed class ElasticsearchContractTests : SearchEngineContract, IAsyncDisposable
{
    private const string UrlVariable = "MATCHING_ES_URL";

    private readonly List<ElasticsearchSearchEngine> engines = [];
    private ElasticsearchClientSettings? settings;
    private ElasticsearchClient? client;

    protected override async Task<ISearchEngine> CreateEngineAsync()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(url), $"{UrlVariable} is not set");

        var options = new ElasticsearchSearchOptions
        {
            Url = new Uri(url),
            IndexPrefix = "matching-test-" + Guid.NewGuid().ToString("N"),
            ApiKey = Variable("MATCHING_ES_API_KEY"),
            Username = Variable("MATCHING_ES_USERNAME"),
            Password = Variable("MATCHING_ES_PASSWORD"),
        };
        settings ??= ElasticsearchSearchEngine.CreateClientSettings(options);
        client ??= new ElasticsearchClient(settings);
        var engine = new ElasticsearchSearchEngine(client, options);
        engines.Add(engine);
        await engine.EnsureIndexesAsync(TestContext.Current.CancellationToken);
        return engine;
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    public async ValueTask DisposeAsync()
    {
        if (client is null) return;
        foreach (var engine in engines)
        {
            // Best effort: a failed delete leaves a uniquely named index behind, never a wrong result.
            await client.Indices.DeleteAsync(new[] { engine.CandidatesIndex, engine.ProjectsIndex }, CancellationToken.None);
        }

        ((IDisposable?)settings)?.Dispose();
    }
}
