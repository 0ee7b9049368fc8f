using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>
/// An admin disables an account and enables it again: sign-in and every token it holds are refused
/// at once, the change is audited a row per change, and only admins may do it. A host of its own, so
/// disabling an account disturbs no other test.
/// </summary>
public sealed class AccountsApiTests(MatchingApplication app) : IClassFixture<MatchingApplication>
{
    private const string County = "county-370112";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpStatusCode> SignIn(string user) =>
        (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = user, password = MatchingApplication.Password }, Ct)).StatusCode;

    [Fact]
    public async Task A_disabled_account_loses_sign_in_and_its_tokens_until_enabled_again()
    {
        var county = app.County("370112");
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync("/api/auth/me", Ct)).StatusCode);
        var admin = app.ClientAs("admin");

        var disabled = await admin.PutAsJsonAsync($"/api/accounts/{County}/status", new { disabled = true, reason = "人员调离" }, Ct);
        disabled.EnsureSuccessStatusCode();
        var view = (await disabled.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.True(view["disabled"]!.GetValue<bool>());
        Assert.Null(view["passwordHash"]);

        // The token issued before is refused on its next request, and no new one is issued.
        await Problems.AssertProblem(await county.GetAsync("/api/auth/me", Ct), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignIn(County));

        (await admin.PutAsJsonAsync($"/api/accounts/{County}/status", new { disabled = false, reason = "调回原岗位" }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, await SignIn(County));
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync("/api/auth/me", Ct)).StatusCode);

        // Setting what already is writes nothing; the audit holds both real changes, newest first.
        (await admin.PutAsJsonAsync($"/api/accounts/{County}/status", new { disabled = false, reason = "重复操作" }, Ct)).EnsureSuccessStatusCode();
        var audit = (await admin.GetFromJsonAsync<JsonObject>($"/api/accounts/{County}?take=10", Ct))!;
        Assert.Equal(2, audit["totalChanges"]!.GetValue<long>());
        var changes = audit["changes"]!.AsArray();
        Assert.Equal(["调回原岗位", "人员调离"], changes.Select(c => c!["reason"]!.GetValue<string>()));
        Assert.All(changes, c => Assert.Equal("admin", c!["actor"]!.GetValue<string>()));
        Assert.Equal([false, true], changes.Select(c => c!["disabled"]!.GetValue<bool>()));
    }

    [Theory]
    [InlineData("coordinator")]
    [InlineData("officer")]
    [InlineData("county-370102")]
    public async Task Only_admins_change_accounts(string user)
    {
        var response = await app.ClientAs(user).PutAsJsonAsync("/api/accounts/county-370105/status", new { disabled = true, reason = "越权" }, Ct);

        await Problems.AssertProblem(response, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, await SignIn("county-370105"));
        await Problems.AssertProblem(await app.ClientAs(user).GetAsync("/api/accounts/county-370105", Ct), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_requests_are_problems_and_change_nothing()
    {
        var admin = app.ClientAs("admin");

        var missing = await Problems.AssertProblem(await admin.PutAsJsonAsync("/api/accounts/county-370103/status", new { reason = "" }, Ct), HttpStatusCode.BadRequest);
        Assert.NotNull(missing["errors"]!["disabled"]);
        Assert.NotNull(missing["errors"]!["reason"]);
        await Problems.AssertProblem(await admin.PutAsJsonAsync("/api/accounts/no-such-user/status", new { disabled = true, reason = "测试" }, Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblem(await admin.PutAsJsonAsync("/api/accounts/admin/status", new { disabled = true, reason = "自我停用" }, Ct), HttpStatusCode.Conflict);
        await Problems.AssertProblem(await admin.GetAsync("/api/accounts/county-370103?take=0", Ct), HttpStatusCode.BadRequest);
        var anonymous = app.CreateClient();
        await Problems.AssertProblem(await anonymous.GetAsync("/api/accounts/county-370103", Ct), HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.OK, await SignIn("county-370103"));
        Assert.Equal(HttpStatusCode.OK, await SignIn("admin"));
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonObject>("/api/accounts/county-370103", Ct))!["totalChanges"]!.GetValue<long>());
    }
}
