using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Live.Wire;

namespace Matching.Client;

/// <summary>The signed-in user as the host describes them.</summary>
public sealed record MatchingUser(string UserName, string Role, string? Adcode, string DisplayName);

/// <summary>A bearer token and whom it is for.</summary>
public sealed record MatchingToken(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, MatchingUser User);

/// <summary>
/// Signs in to a Matching host with the embedded issuer and hands out an <see cref="HttpClient"/>
/// that sends the token, and live connections that use it.
/// </summary>
public sealed class MatchingClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The HTTP client; after <see cref="SignInAsync"/> it carries the bearer token.</summary>
    public HttpClient Http { get; } = http;

    /// <summary>The current token, after sign-in.</summary>
    public MatchingToken? Token { get; private set; }

    /// <summary>Exchanges a user name and password for a token (<c>POST /api/auth/token</c>).</summary>
    /// <exception cref="HttpRequestException">Wrong credentials (401) or another failure.</exception>
    public async Task<MatchingToken> SignInAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync("/api/auth/token", new { userName, password }, Json, cancellationToken);
        response.EnsureSuccessStatusCode();
        Token = (await response.Content.ReadFromJsonAsync<MatchingToken>(Json, cancellationToken))!;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token.AccessToken);
        return Token;
    }

    /// <summary>A live connection to the host's hub under the current token.</summary>
    /// <param name="positions">The last sequence applied per stream, e.g. kept from an earlier session; missing streams start at 0.</param>
    public LiveConnection Live(IReadOnlyDictionary<string, long>? positions = null) =>
        new(new Uri(Http.BaseAddress!, LiveHubProtocol.Path), () => Task.FromResult(Token?.AccessToken), positions);
}
