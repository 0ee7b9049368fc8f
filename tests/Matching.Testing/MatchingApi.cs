using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Testing;

/// <summary>
/// Calls a host's REST API as a seeded account: signs in once per account (<c>POST /api/auth/token</c>
/// with <see cref="HostProcess.SeedPassword"/>) and sends the bearer token. The embedded issuer's key is
/// shared through storage, so a token from one host is valid on every host. <paramref name="handler"/>:
/// how to reach the host, when not the host's own <see cref="HostProcess.CreateHandler"/>.
/// </summary>
public sealed class MatchingApi(HostProcess host, SignIns signIns, TimeSpan? timeout = null, HttpMessageHandler? handler = null) : IDisposable
{
    private readonly HttpClient _http = new(handler ?? host.CreateHandler()) { BaseAddress = host.BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    public HostProcess Host => host;

    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string user, JsonNode? body = null, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var token = await signIns.Tokens.GetOrAdd(user, u => SignIn(u, cancellationToken));
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await _http.SendAsync(request, cancellationToken);
    }

    public async Task<JsonNode> GetJsonAsync(string path, string user, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, user, cancellationToken: cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {path} as {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return (await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!;
    }

    /// <summary>Posts a draft as the officer and publishes it; returns its id.</summary>
    public async Task<Guid> OpenProjectAsync(string title, CancellationToken cancellationToken)
    {
        using var created = await SendAsync(HttpMethod.Post, "/api/projects", "officer", ProjectBody(title), cancellationToken: cancellationToken);
        if (created.StatusCode != HttpStatusCode.Created)
            throw new HttpRequestException($"POST /api/projects: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(cancellationToken)}");
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["id"]!.GetValue<Guid>();
        using var published = await SendAsync(HttpMethod.Post, $"/api/projects/{id}/publish", "officer", cancellationToken: cancellationToken);
        published.EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>Counties with at least one placed park, and a park of each (what a bid names).</summary>
    public async Task<List<(string County, string Park)>> CountiesWithParksAsync(int count, CancellationToken cancellationToken)
    {
        var counties = (await GetJsonAsync("/api/counties", "officer", cancellationToken)).AsArray();
        var found = new List<(string, string)>();
        foreach (var county in counties)
        {
            var adcode = county!["adcode"]!.GetValue<string>();
            var parks = (await GetJsonAsync($"/api/parks?county={adcode}", "officer", cancellationToken)).AsArray();
            if (parks.Count == 0) continue;
            found.Add((adcode, parks[0]!["id"]!.GetValue<string>()));
            if (found.Count == count) break;
        }

        return found;
    }

    public static JsonObject ProjectBody(string title) => new()
    {
        ["title"] = title,
        ["description"] = "年产 5 万吨锂电池正极材料。",
        ["industryCode"] = "3841",
        ["industryText"] = "锂离子电池",
        ["chainPosition"] = "midstream",
        ["investment"] = 200_000,
        ["landMu"] = 50,
        ["energyTce"] = 2000,
        ["jobs"] = 400,
        ["expectedTax"] = 5000,
        ["highEnergy"] = false,
        ["investor"] = new JsonObject { ["name"] = $"{title}投资有限公司", ["kind"] = "private" },
        ["firstContactCounty"] = "370112",
    };

    public static JsonObject BidBody(string county, string park) => new()
    {
        ["county"] = county,
        ["parkId"] = park,
        ["landMu"] = 50,
        ["energyTce"] = 2000,
        ["deliveryMonths"] = 12,
        ["landPrice"] = 30,
        ["commitments"] = "专班服务，代办审批手续",
        ["note"] = "园区已完成七通一平",
    };

    public void Dispose() => _http.Dispose();

    private async Task<string?> SignIn(string user, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsJsonAsync("/api/auth/token", new { userName = user, password = HostProcess.SeedPassword }, cancellationToken);
        }
        catch
        {
            // A host that died under the sign-in must not leave a failed sign-in cached for the account:
            // the next call signs in again (through whichever host it goes to).
            signIns.Tokens.TryRemove(user, out _);
            throw;
        }

        using var answered = response;
        // Before sign-in existed the API was open; keep working against such a host.
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed) return null;
        if (!response.IsSuccessStatusCode)
        {
            signIns.Tokens.TryRemove(user, out _);
            throw new HttpRequestException($"sign-in as {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["accessToken"]!.GetValue<string>();
    }
}

/// <summary>The tokens of one cluster (its signing key lives in its database), by account.</summary>
public sealed class SignIns
{
    internal ConcurrentDictionary<string, Task<string?>> Tokens { get; } = new();
}
