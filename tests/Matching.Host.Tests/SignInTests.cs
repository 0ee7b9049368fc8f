using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Client;

namespace Matching.Host.Tests;

/// <summary>The embedded issuer's sign-in endpoint, through the .NET client library.</summary>
[Collection(HostCollection.Name)]
public sealed class SignInTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seeded_account_signs_in_and_its_token_identifies_it()
    {
        var client = new MatchingClient(app.CreateClient());
        var token = await client.SignInAsync("county-370112", MatchingApplication.Password, Ct);

        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(new MatchingUser("county-370112", "county", "370112", "历城区"), token.User);
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow.AddHours(7));
        var me = await client.Http.GetFromJsonAsync<JsonObject>("/api/auth/me", Ct);
        Assert.Equal("county", me!["role"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("coordinator", "wrong-password")]
    [InlineData("no-such-user", MatchingApplication.Password)]
    public async Task Wrong_credentials_get_one_and_the_same_401(string user, string password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = user, password }, Ct);

        var problem = await Problems.AssertProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal("用户名或密码不正确。", problem["detail"]!.GetValue<string>());
        Assert.Null(problem["accessToken"]);
    }

    [Fact]
    public async Task A_sign_in_without_fields_is_400_naming_them()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { }, Ct);
        var problem = await Problems.AssertValidationProblem(response, "userName");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("password"));
    }
}
