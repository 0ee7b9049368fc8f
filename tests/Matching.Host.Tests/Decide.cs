using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>
/// A decision on the project's current version, read just before deciding, for tests about what a
/// decision does rather than about staleness (which has tests of its own): such a test does not track
/// the version itself, and a 409 because the version moved in between is decided again (at most three
/// times); any other answer is returned as it is.
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
