using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>
/// The served OpenAPI document describes what every operation answers: its success with a schema (or a
/// file), and the problems it can return. The handlers' typed results say this; a handler that goes
/// back to a bare <c>IResult</c> documents an empty 200 and fails here.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class OpenApiResponsesTests(MatchingApplication app)
{
    private const string Problem = "application/problem+json";

    /// <summary>Operations anyone may call (no 401/403 from the authorization policies).</summary>
    private static readonly HashSet<string> Anonymous = ["SignIn"];

    [Fact]
    public async Task Every_operation_documents_its_success_with_a_schema_or_a_file()
    {
        var failures = new List<string>();
        foreach (var (name, operation) in await Operations())
        {
            var responses = operation["responses"]!.AsObject();
            var successes = responses.Where(r => r.Key.StartsWith('2')).ToArray();
            if (successes.Length == 0) failures.Add($"{name}: no 2xx response");
            foreach (var (status, response) in successes)
            {
                if (status == "204") continue;
                var content = response!["content"]?.AsObject();
                if (content is null || content.Count == 0)
                {
                    failures.Add($"{name}: {status} has no content");
                    continue;
                }

                foreach (var (mediaType, media) in content)
                {
                    var schema = media!["schema"];
                    if (schema is null || schema.AsObject().Count == 0) failures.Add($"{name}: {status} {mediaType} has no schema");
                    else if (!mediaType.Contains("json") && (schema["type"]?.GetValue<string>(), schema["format"]?.GetValue<string>()) != ("string", "binary"))
                        failures.Add($"{name}: {status} {mediaType} is not described as a binary file");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_operation_documents_the_problems_it_can_return()
    {
        var failures = new List<string>();
        foreach (var (name, operation) in await Operations())
        {
            var responses = operation["responses"]!.AsObject();
            void Needs(string status, string why)
            {
                if (!responses.ContainsKey(status)) failures.Add($"{name}: no {status} ({why})");
            }

            Needs("429", "the rate limiter on every request");
            if (!Anonymous.Contains(name))
            {
                Needs("401", "the authorization policy");
                Needs("403", "the authorization policy");
            }

            if (operation["requestBody"] is not null)
            {
                Needs("400", "a body can be malformed or invalid");
                Needs("413", "a body can be over the size limit");
                Needs("415", "a body can be of another media type");
            }
            if (operation["parameters"]?.AsArray().Any(p => p!["in"]!.GetValue<string>() == "path") == true)
                Needs("404", "a path names something that may not exist");

            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                var schema = response!["content"]?[Problem]?["schema"];
                if (schema is null) failures.Add($"{name}: {status} is not a ProblemDetails ({Problem} with a schema)");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_list_endpoint_documents_its_page_its_workbook_and_its_bad_parameters()
    {
        var inbox = (await Operations()).Single(o => o.Name == "GetCountyInbox").Operation;

        var ok = inbox["responses"]!["200"]!["content"]!;
        Assert.Equal("array", ok["application/json"]!["schema"]!["type"]!.GetValue<string>());
        Assert.Equal("binary", ok["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]!["schema"]!["format"]!.GetValue<string>());
        Assert.NotNull(inbox["responses"]!["400"]!["content"]![Problem]);
    }

    private async Task<IReadOnlyList<(string Name, JsonObject Operation)>> Operations()
    {
        using var client = app.CreateClient();
        var document = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json", TestContext.Current.CancellationToken);
        var operations = new List<(string, JsonObject)>();
        foreach (var (path, item) in document!["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation is not JsonObject op || op["responses"] is null) continue;
                operations.Add((op["operationId"]?.GetValue<string>() ?? $"{method.ToUpperInvariant()} {path}", op));
            }
        }

        Assert.True(operations.Count > 50, $"only {operations.Count} operations in the document");
        return operations;
    }
}
