using System.Text.Json.Nodes;

namespace Matching.Search.Elasticsearch.Tests;

/// <summary>An engine over a <see cref="RecordingRequestInvoker"/>, and assertions on what it sent.</summary>
internal static class Wire
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static (ElasticsearchSearchEngine Engine, RecordingRequestInvoker Invoker) NewEngine(ElasticsearchSearchOptions? options = null)
    {
        var invoker = new RecordingRequestInvoker();
        return (new ElasticsearchSearchEngine(invoker.CreateClient(), options ?? new ElasticsearchSearchOptions()), invoker);
    }

    /// <summary>The one request sent.</summary>
    public static RecordedRequest Single(this RecordingRequestInvoker invoker) => Assert.Single(invoker.Requests);

    /// <summary>
    /// Asserts that <paramref name="actual"/> equals the JSON <paramref name="expected"/> (members in any order,
    /// arrays in order), showing both when not.
    /// </summary>
    public static void Equal(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        if (!JsonNode.DeepEquals(expectedNode, actual))
        {
            Assert.Fail($"JSON differs.\nExpected: {expectedNode?.ToJsonString()}\nActual:   {actual?.ToJsonString() ?? "(missing)"}");
        }
    }

    /// <summary>The string values of a JSON array.</summary>
    public static string[] Strings(JsonNode? array) =>
        (array ?? throw new InvalidOperationException("No such array.")).AsArray().Select(n => n!.GetValue<string>()).ToArray();
}
