using System.Text;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace Matching.Search.Elasticsearch.Tests;

/// <summary>One request as it went onto the wire.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, byte[] Body)
{
    /// <summary>The path without the query string, always from the root ("/_bulk").</summary>
    public string Path => "/" + PathAndQuery.Split('?')[0].TrimStart('/');

    /// <summary>The query-string parameters.</summary>
    public IReadOnlyDictionary<string, string> Parameters =>
        PathAndQuery.Contains('?')
            ? PathAndQuery.Split('?', 2)[1].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "")
            : new Dictionary<string, string>();

    /// <summary>The body as text.</summary>
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The body as one JSON document.</summary>
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The body is JSON null.");

    /// <summary>The body as newline-delimited JSON (bulk).</summary>
    public IReadOnlyList<JsonNode> Lines =>
        Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
}

/// <summary>A canned answer: status code and JSON body.</summary>
public sealed record CannedResponse(int Status, string Body)
{
    /// <summary>200 with <paramref name="body"/>.</summary>
    public static CannedResponse Ok(string body) => new(200, body);
}

/// <summary>
/// A transport that never opens a socket: it writes every request body the way the client would send it,
/// records method, path and bytes, and answers from <see cref="Respond"/> through the transport's own
/// response pipeline, so responses are parsed exactly as they would be from a server.
/// </summary>
public sealed class RecordingRequestInvoker : IRequestInvoker
{
    // Every Elasticsearch response carries this header; the client refuses to talk to anything without it.
    private readonly InMemoryRequestInvoker builder = new(
        [], 200, null!, "application/json", new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase) { ["X-Elastic-Product"] = ["Elasticsearch"] });
    private readonly List<RecordedRequest> requests = [];
    private readonly Lock gate = new();

    /// <summary>Answers a request; by default <see cref="DefaultResponse"/>.</summary>
    public Func<RecordedRequest, CannedResponse> Respond { get; set; } = DefaultResponse;

    /// <summary>Requests in the order sent.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate) return requests.ToArray();
        }
    }

    /// <inheritdoc />
    public ResponseFactory ResponseFactory => builder.ResponseFactory;

    /// <summary>A client over this transport.</summary>
    public ElasticsearchClient CreateClient() =>
        new(new ElasticsearchClientSettings(new SingleNodePool(new Uri("http://search.invalid:9200")), this));

    /// <inheritdoc />
    public async Task<TResponse> RequestAsync<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData, CancellationToken cancellationToken)
        where TResponse : TransportResponse, new()
    {
        var recorded = await RecordAsync(endpoint, boundConfiguration, postData, cancellationToken);
        var canned = Respond(recorded);
        return await builder.BuildResponseAsync<TResponse>(
            endpoint, boundConfiguration, postData, cancellationToken, Encoding.UTF8.GetBytes(canned.Body), canned.Status, "application/json");
    }

    /// <inheritdoc />
    public TResponse Request<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData)
        where TResponse : TransportResponse, new() =>
        RequestAsync<TResponse>(endpoint, boundConfiguration, postData, CancellationToken.None).GetAwaiter().GetResult();

    private async Task<RecordedRequest> RecordAsync(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        if (postData is not null) await postData.WriteAsync(body, boundConfiguration.ConnectionSettings, disableDirectStreaming: false, cancellationToken);
        var recorded = new RecordedRequest(endpoint.Method.ToString().ToUpperInvariant(), endpoint.PathAndQuery, body.ToArray());
        lock (gate) requests.Add(recorded);
        return recorded;
    }

    /// <summary>
    /// What a healthy cluster with no indexes yet answers: indexes missing, creation acknowledged, every
    /// bulk item created, deletes of absent documents not found, empty searches.
    /// </summary>
    public static CannedResponse DefaultResponse(RecordedRequest request) => (request.Method, request.Path) switch
    {
        ("HEAD", _) => new CannedResponse(404, ""),
        ("PUT", var path) => CannedResponse.Ok($$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{path.Trim('/')}}"}"""),
        ("POST", "/_bulk") => CannedResponse.Ok(BulkCreated(request)),
        ("DELETE", var path) => new CannedResponse(404, $$"""
            {"_index":"{{path.Split('/')[1]}}","_id":"{{path.Split('/')[^1]}}","_version":1,"result":"not_found",
             "_shards":{"total":1,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1}
            """),
        ("POST", var path) when path.EndsWith("/_delete_by_query", StringComparison.Ordinal) => CannedResponse.Ok("""
            {"took":3,"timed_out":false,"total":2,"deleted":2,"batches":1,"version_conflicts":0,"noops":0,
             "retries":{"bulk":0,"search":0},"throttled_millis":0,"requests_per_second":-1.0,"throttled_until_millis":0,"failures":[]}
            """),
        ("POST", var path) when path.EndsWith("/_refresh", StringComparison.Ordinal) => CannedResponse.Ok("""{"_shards":{"total":2,"successful":2,"failed":0}}"""),
        ("POST", var path) when path.EndsWith("/_search", StringComparison.Ordinal) => CannedResponse.Ok(EmptySearch),
        _ => new CannedResponse(400, $$"""{"error":{"type":"illegal_argument_exception","reason":"unexpected {{request.Method}} {{request.Path}}"},"status":400}"""),
    };

    /// <summary>An empty search response.</summary>
    public const string EmptySearch = """
        {"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
         "hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]}}
        """;

    /// <summary>A bulk response creating every document of <paramref name="request"/>.</summary>
    public static string BulkCreated(RecordedRequest request)
    {
        var items = new JsonArray();
        var lines = request.Lines;
        for (var i = 0; i < lines.Count; i += 2)
        {
            var action = lines[i]["index"]!;
            items.Add(new JsonObject
            {
                ["index"] = new JsonObject
                {
                    ["_index"] = action["_index"]!.GetValue<string>(),
                    ["_id"] = action["_id"]!.GetValue<string>(),
                    ["_version"] = 1,
                    ["result"] = "created",
                    ["status"] = 201,
                },
            });
        }

        return new JsonObject { ["took"] = 2, ["errors"] = false, ["items"] = items }.ToJsonString();
    }

    /// <inheritdoc />
    public void Dispose() => ((IDisposable)builder).Dispose();
}
