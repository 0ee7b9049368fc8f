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

    [Fact]
    public async Task An_admin_creates_a_scoped_account_that_signs_in_as_its_county_and_is_listed_and_audited()
    {
        var admin = app.ClientAs("admin");
        const string user = "zhang.san";
        const string password = "Lixia-Zhaoshang-2026";
        var created = await admin.PostAsJsonAsync("/api/accounts", new
        {
            userName = user, displayName = "历下区招商局 张三", role = "county", adcode = "370102", password, reason = "新任招商专员",
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/accounts/{user}", created.Headers.Location?.OriginalString);
        var view = (await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("county", view["role"]!.GetValue<string>());
        Assert.Equal("370102", view["adcode"]!.GetValue<string>());
        Assert.Null(view["passwordHash"]);
        var audit = Assert.Single(view["changes"]!.AsArray())!;
        Assert.Equal(("created", "admin", "新任招商专员"), (audit["action"]!.GetValue<string>(), audit["actor"]!.GetValue<string>(), audit["reason"]!.GetValue<string>()));

        // It signs in with its password and acts as its county, and only that county.
        var signIn = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = user, password }, Ct);
        signIn.EnsureSuccessStatusCode();
        var token = (await signIn.Content.ReadFromJsonAsync<JsonObject>(Ct))!["accessToken"]!.GetValue<string>();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = (await client.GetFromJsonAsync<JsonObject>("/api/auth/me", Ct))!;
        Assert.Equal(("county", "370102"), (me["role"]!.GetValue<string>(), me["adcode"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/counties/370102/inbox", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/counties/370103/inbox", Ct)).StatusCode);

        // Listed among the county accounts, once; the name cannot be taken again.
        var counties = await admin.GetAsync("/api/accounts?role=county&take=100&skip=0", Ct);
        Assert.Equal(HttpStatusCode.OK, counties.StatusCode);
        var total = long.Parse(counties.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(137, total); // 136 seeded counties and this one
        var all = new List<JsonNode>();
        for (var skip = 0; skip < total; skip += 100)
            all.AddRange((await admin.GetFromJsonAsync<JsonArray>($"/api/accounts?role=county&take=100&skip={skip}", Ct))!.Select(a => a!));
        Assert.Single(all, a => a["userName"]!.GetValue<string>() == user);
        Assert.All(all, a => Assert.Equal("county", a["role"]!.GetValue<string>()));
        var again = await admin.PostAsJsonAsync("/api/accounts", new
        {
            userName = user, displayName = "冒名", role = "admin", password = "Another-Password-2026", reason = "重复",
        }, Ct);
        await Problems.AssertProblem(again, HttpStatusCode.Conflict);
        await Problems.AssertProblem(await admin.PostAsJsonAsync("/api/accounts", new
        {
            userName = "officer", displayName = "冒名", role = "admin", password = "Another-Password-2026", reason = "重复",
        }, Ct), HttpStatusCode.Conflict);
        Assert.Equal("county", (await admin.GetFromJsonAsync<JsonObject>($"/api/accounts/{user}", Ct))!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_account_list_is_paged_in_user_name_order_and_says_which_are_disabled()
    {
        var admin = app.ClientAs("admin");
        var first = await admin.GetAsync("/api/accounts?take=3", Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var total = long.Parse(first.Headers.GetValues("X-Total-Count").Single());
        Assert.True(total >= 3 + 136 + 16, $"{total} accounts listed");
        var page = (await first.Content.ReadFromJsonAsync<JsonArray>(Ct))!;
        Assert.Equal(3, page.Count);
        var names = page.Select(a => a!["userName"]!.GetValue<string>()).ToArray();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        var next = (await admin.GetFromJsonAsync<JsonArray>("/api/accounts?take=3&skip=3", Ct))!;
        Assert.True(string.CompareOrdinal(names[^1], next[0]!["userName"]!.GetValue<string>()) < 0);

        var admins = (await admin.GetFromJsonAsync<JsonArray>("/api/accounts?role=admin", Ct))!;
        var self = Assert.Single(admins, a => a!["userName"]!.GetValue<string>() == "admin")!;
        Assert.False(self["disabled"]!.GetValue<bool>());

        (await admin.PutAsJsonAsync("/api/accounts/city-3708/status", new { disabled = true, reason = "列表测试" }, Ct)).EnsureSuccessStatusCode();
        try
        {
            var prefectures = (await admin.GetFromJsonAsync<JsonArray>("/api/accounts?role=prefecture&take=100", Ct))!;
            Assert.True(Assert.Single(prefectures, a => a!["userName"]!.GetValue<string>() == "city-3708")!["disabled"]!.GetValue<bool>());
        }
        finally
        {
            (await admin.PutAsJsonAsync("/api/accounts/city-3708/status", new { disabled = false, reason = "列表测试结束" }, Ct)).EnsureSuccessStatusCode();
        }

        await Problems.AssertValidationProblem(await admin.GetAsync("/api/accounts?role=county,admin", Ct), "role");
        await Problems.AssertValidationProblem(await admin.GetAsync("/api/accounts?take=101", Ct), "take");
        await Problems.AssertValidationProblem(await admin.GetAsync("/api/accounts?skip=-1", Ct), "skip");
    }

    [Fact]
    public async Task The_account_list_filters_by_user_or_display_name_within_a_role_and_pages_the_matches()
    {
        var admin = app.ClientAs("admin");
        var counties = new List<JsonNode>();
        for (var skip = 0; ; skip += 100)
        {
            var page = (await admin.GetFromJsonAsync<JsonArray>($"/api/accounts?role=county&take=100&skip={skip}", Ct))!;
            counties.AddRange(page.Select(a => a!));
            if (page.Count < 100) break;
        }

        var expected = counties.Select(a => a["userName"]!.GetValue<string>()).Where(n => n.Contains("3708", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(expected);
        var filtered = await admin.GetAsync("/api/accounts?role=county&q=3708&take=3", Ct);
        Assert.Equal(expected.Length, long.Parse(filtered.Headers.GetValues("X-Total-Count").Single()));
        Assert.Equal(expected.Take(3), (await filtered.Content.ReadFromJsonAsync<JsonArray>(Ct))!.Select(a => a!["userName"]!.GetValue<string>()));
        var second = (await admin.GetFromJsonAsync<JsonArray>("/api/accounts?role=county&q=3708&take=3&skip=3", Ct))!;
        Assert.Equal(expected.Skip(3).Take(3), second.Select(a => a!["userName"]!.GetValue<string>()));

        // A display name, case aside; and another role's accounts are not among a role's matches.
        var named = counties.First(a => a["userName"]!.GetValue<string>() == expected[0])["displayName"]!.GetValue<string>();
        Assert.Contains((await admin.GetFromJsonAsync<JsonArray>($"/api/accounts?q={Uri.EscapeDataString(named)}", Ct))!, a => a!["userName"]!.GetValue<string>() == expected[0]);
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>("/api/accounts?role=admin&q=3708", Ct))!);
        Assert.Single((await admin.GetFromJsonAsync<JsonArray>("/api/accounts?role=admin&q=ADMIN", Ct))!, a => a!["userName"]!.GetValue<string>() == "admin");

        await Problems.AssertValidationProblem(await admin.GetAsync($"/api/accounts?q={new string('x', 101)}", Ct), "q");
        await Problems.AssertValidationProblem(await admin.GetAsync("/api/accounts?q=a%1Bb", Ct), "q");
    }
}
