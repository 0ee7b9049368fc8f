using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>Accounts of a test of their own, created by the admin through the API, and their sign-in.</summary>
internal static class OwnAccounts
{
    public const string FirstPassword = "Erste-Passwort-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates an officer account with a fresh name; returns its name.</summary>
    public static async Task<string> Create(MatchingApplication app, string prefix)
    {
        var userName = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        (await app.ClientAs("admin").PostAsJsonAsync("/api/accounts", new
        {
            userName, displayName = "改密测试专员", role = "officer", password = FirstPassword, reason = "改密测试",
        }, Ct)).EnsureSuccessStatusCode();
        return userName;
    }

    public static Task<HttpResponseMessage> SignIn(MatchingApplication app, string userName, string password) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password }, Ct);

    public static async Task<string> TokenOf(MatchingApplication app, string userName, string password)
    {
        var response = await SignIn(app, userName, password);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["accessToken"]!.GetValue<string>();
    }

    public static HttpClient With(MatchingApplication app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static Task<HttpResponseMessage> Change(HttpClient client, string? current, string? next) =>
        client.PostAsJsonAsync("/api/accounts/me/password", new { currentPassword = current, newPassword = next }, Ct);
}

/// <summary>
/// An account changes its own password: the current one is checked, the new one must meet the policy,
/// the change is audited, and every token issued before it is refused (its hub connections closed)
/// while the fresh token in the answer works.
/// </summary>
public sealed class PasswordChangeTests(MatchingApplication app) : IClassFixture<MatchingApplication>
{
    private const string NewPassword = "Neues-Passwort-2027";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_changed_password_signs_in_refuses_earlier_tokens_closes_their_connections_and_is_audited()
    {
        var user = await OwnAccounts.Create(app, "pw-good");
        var before = await OwnAccounts.TokenOf(app, user, OwnAccounts.FirstPassword);
        var host = app.CreateClient().BaseAddress!;
        await using var session = await HubSession.Open(host, before);

        var changed = await OwnAccounts.Change(OwnAccounts.With(app, before), OwnAccounts.FirstPassword, NewPassword);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = (await changed.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var fresh = after["accessToken"]!.GetValue<string>();
        Assert.Equal(user, after["user"]!["userName"]!.GetValue<string>());

        // The token used for the change is refused from now on, its connection closed; the answer's token works.
        await Problems.AssertProblem(await OwnAccounts.With(app, before).GetAsync("/api/auth/me", Ct), HttpStatusCode.Unauthorized);
        await session.Closed.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, await HubSession.Reconnect(host, before));
        Assert.Equal(HttpStatusCode.OK, (await OwnAccounts.With(app, fresh).GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await HubSession.Reconnect(host, fresh));

        Assert.Equal(HttpStatusCode.Unauthorized, (await OwnAccounts.SignIn(app, user, OwnAccounts.FirstPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await OwnAccounts.SignIn(app, user, NewPassword)).StatusCode);

        var audit = (await app.ClientAs("admin").GetFromJsonAsync<JsonObject>($"/api/accounts/{user}", Ct))!;
        var latest = audit["changes"]!.AsArray()[0]!;
        Assert.Equal("passwordChanged", latest["action"]!.GetValue<string>());
        Assert.Equal(user, latest["actor"]!.GetValue<string>());
        Assert.Equal(2, audit["totalChanges"]!.GetValue<long>());
        Assert.DoesNotContain(NewPassword, audit.ToJsonString());
    }

    [Fact]
    public async Task A_wrong_current_password_is_a_400_on_its_field_and_changes_nothing()
    {
        var user = await OwnAccounts.Create(app, "pw-wrong");
        var token = await OwnAccounts.TokenOf(app, user, OwnAccounts.FirstPassword);

        var problem = await Problems.AssertValidationProblem(await OwnAccounts.Change(OwnAccounts.With(app, token), "Falsches-Passwort-1", NewPassword), "currentPassword");
        Assert.Contains("当前密码不正确", problem.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        Assert.Equal(HttpStatusCode.OK, (await OwnAccounts.With(app, token).GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await OwnAccounts.SignIn(app, user, OwnAccounts.FirstPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await OwnAccounts.SignIn(app, user, NewPassword)).StatusCode);
        Assert.Equal(1, (await app.ClientAs("admin").GetFromJsonAsync<JsonObject>($"/api/accounts/{user}", Ct))!["totalChanges"]!.GetValue<long>());
    }

    public static TheoryData<string?, string?, string> BadBodies => new()
    {
        { null, NewPassword, "currentPassword" },
        { "", NewPassword, "currentPassword" },
        { OwnAccounts.FirstPassword, null, "newPassword" },
        { OwnAccounts.FirstPassword, "Kurz-1", "newPassword" },
        { OwnAccounts.FirstPassword, "nur-kleinbuchstaben", "newPassword" },
        { OwnAccounts.FirstPassword, new string('A', 100) + "a1-" + new string('b', 40), "newPassword" },
        { OwnAccounts.FirstPassword, "Mit\nZeilenumbruch-1", "newPassword" },
        // The account's own user name inside the new password ({user} stands for it).
        { OwnAccounts.FirstPassword, "X9-{user}-Y9", "newPassword" },
        { OwnAccounts.FirstPassword, OwnAccounts.FirstPassword, "newPassword" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_new_password_the_policy_refuses_is_a_400_naming_the_field_and_changes_nothing(string? current, string? next, string field)
    {
        var user = await OwnAccounts.Create(app, "pw-bad");
        var token = await OwnAccounts.TokenOf(app, user, OwnAccounts.FirstPassword);

        await Problems.AssertValidationProblem(await OwnAccounts.Change(OwnAccounts.With(app, token), current, next?.Replace("{user}", user, StringComparison.Ordinal)), field);

        Assert.Equal(HttpStatusCode.OK, (await OwnAccounts.With(app, token).GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await OwnAccounts.SignIn(app, user, OwnAccounts.FirstPassword)).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_it_is_401()
    {
        await Problems.AssertProblem(await OwnAccounts.Change(app.CreateClient(), OwnAccounts.FirstPassword, NewPassword), HttpStatusCode.Unauthorized);
    }
}

/// <summary>
/// Wrong current passwords count as failed sign-ins of the account (per user name and per client), so
/// a stolen token cannot be used to guess the password faster than sign-in allows.
/// </summary>
public sealed class PasswordChangeLimitTests : IAsyncLifetime
{
    private MatchingApplication _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = MatchingApplication.With(settings: new Dictionary<string, string>
        {
            ["RateLimits:FailedSignInsPerUserPerMinute"] = "3",
            ["RateLimits:SignInsPerMinute"] = "100",
        });
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Wrong_current_passwords_are_cut_off_like_failed_sign_ins()
    {
        var user = await OwnAccounts.Create(_app, "pw-limit");
        var other = await OwnAccounts.Create(_app, "pw-other");
        var token = await OwnAccounts.TokenOf(_app, user, OwnAccounts.FirstPassword);
        var client = OwnAccounts.With(_app, token);

        for (var i = 0; i < 3; i++)
            await Problems.AssertValidationProblem(await OwnAccounts.Change(client, $"Geraten-{i}-Passwort", "Neues-Passwort-2027"), "currentPassword");

        // Over the account's count: even the right password waits, for the change and for sign-in alike.
        var limited = await OwnAccounts.Change(client, OwnAccounts.FirstPassword, "Neues-Passwort-2027");
        await Problems.AssertProblem(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await OwnAccounts.SignIn(_app, user, OwnAccounts.FirstPassword)).StatusCode);

        // Another account is not held up, and the limited account's password did not change.
        var otherToken = await OwnAccounts.TokenOf(_app, other, OwnAccounts.FirstPassword);
        Assert.Equal(HttpStatusCode.OK, (await OwnAccounts.Change(OwnAccounts.With(_app, otherToken), OwnAccounts.FirstPassword, "Neues-Passwort-2027")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);
    }
}
