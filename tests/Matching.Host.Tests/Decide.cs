using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>
/// A decision on the project's current version: a test about what a decision does (not about staleness,
/// which has tests of its own) reads the version, decides, and when the answer is a 409 because the
/// version moved in between, decides again on the new one (at most three times). In the full suite such a
/// move was seen once between a test's read and its decision, with nothing of the test's own in between.
/// </summary>
internal static class Decide
{
    public static async Task<HttpResponseMessage> OnCurrentVersion(HttpClient coordinator, Guid id, JsonObject terms, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var version = (await coordinator.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", ct))!["version"]!.GetValue<long>();
            var body = (JsonObject)terms.DeepClone();
            body["expectedVersion"] = version;
            var response = await coordinator.PostAsJsonAsync($"/api/projects/{id}/decision", body, ct);
            var moved = response.StatusCode == HttpStatusCode.Conflict
                && (await coordinator.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", ct))!["version"]!.GetValue<long>() != version;
            if (!moved || attempt == 3) return response;
        }
    }
}
