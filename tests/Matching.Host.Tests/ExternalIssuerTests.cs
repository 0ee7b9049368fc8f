using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Matching.Host.Tests;

/// <summary>
/// The production set-up: the host trusts an external OpenID Connect issuer (here a small one on a
/// loopback port that publishes its metadata and signing key) instead of issuing tokens itself.
/// </summary>
public sealed class ExternalIssuerTests : IAsyncLifetime
{
    private const string Audience = "matching-prod";
    private readonly RSA _key = RSA.Create(2048);
    private WebApplication _issuer = null!;
    private MatchingApplication _host = null!;
    private string _authority = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var port = MatchingApplication.FreePort();
        _authority = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_authority);
        _issuer = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.ExportParameters(false)) { KeyId = "idp-1" });
        _issuer.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = _authority, ["jwks_uri"] = _authority + "/jwks", ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _issuer.MapGet("/jwks", () => Results.Json(new Dictionary<string, object>
        {
            ["keys"] = new[] { new Dictionary<string, string> { ["kty"] = "RSA", ["use"] = "sig", ["kid"] = jwk.Kid, ["alg"] = "RS256", ["n"] = jwk.N, ["e"] = jwk.E } },
        }));
        await _issuer.StartAsync(Ct);

        _host = MatchingApplication.With(settings: new Dictionary<string, string>
        {
            ["Auth:Authority"] = _authority, ["Auth:Audience"] = Audience, ["Auth:RequireHttpsMetadata"] = "false",
        });
        await _host.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _issuer.DisposeAsync();
        _key.Dispose();
    }

    private string Token(RSA key, string role, string? adcode = null, string? audience = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "zhang.wei", ["role"] = role, ["name"] = "张伟" };
        if (adcode is not null) claims["adcode"] = adcode;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _authority, Audience = audience ?? Audience, Claims = claims,
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = "idp-1" }, SecurityAlgorithms.RsaSha256),
        });
    }

    private async Task<HttpResponseMessage> Get(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _host.CreateClient().SendAsync(request, Ct);
    }

    [Fact]
    public async Task Tokens_of_the_external_issuer_are_trusted_with_their_roles_and_nothing_else_is()
    {
        Assert.Equal(HttpStatusCode.OK, (await Get("/api/contests", Token(_key, "coordinator"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Get("/api/contests", Token(_key, "county", "370102"))).StatusCode);
        var me = await (await Get("/api/auth/me", Token(_key, "county", "370102"))).Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("zhang.wei", me!["userName"]!.GetValue<string>());
        Assert.Equal("370102", me["adcode"]!.GetValue<string>());
        Assert.Equal("张伟", me["displayName"]!.GetValue<string>());

        using var stranger = RSA.Create(2048);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/api/contests", Token(stranger, "coordinator"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/api/contests", Token(_key, "coordinator", audience: "someone-else"))).StatusCode);
        // A county token without its county, or a role Matching does not know, is no Matching account.
        Assert.Equal(HttpStatusCode.Forbidden, (await Get("/api/auth/me", Token(_key, "county"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Get("/api/auth/me", Token(_key, "mayor"))).StatusCode);

        // The embedded issuer is off: no passwords to guess.
        var signIn = await _host.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "coordinator", password = MatchingApplication.Password }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
    }
}
