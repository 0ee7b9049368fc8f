using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>
/// Every kind of bad project input gets a 4xx ProblemDetails naming the field, through both POST and
/// PUT, and leaves the store exactly as it was.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class BadInputTests(MatchingApplication app)
{
    private readonly HttpClient _client = app.Officer();

    public static TheoryData<string, string, string> BadBodies()
    {
        var valid = ProjectBodies.Valid();
        string Json(JsonObject o) => o.ToJsonString();
        return new TheoryData<string, string, string>
        {
            { "malformed JSON", """{"title": "缺了结尾" """, "body" },
            { "not an object", "[1, 2, 3]", "body" },
            { "number as text", Json(valid.With("investment", "一千万")), "investment" },
            { "text as number", Json(valid.With("title", 42)), "title" },
            { "bool as text", Json(valid.With("highEnergy", "yes")), "highEnergy" },
            { "fraction of a job", Json(valid.With("jobs", 12.5)), "jobs" },
            { "unknown enum", Json(valid.With("investor.kind", "alien")), "investor.kind" },
            { "empty object", "{}", "title" },
            { "missing title", Json(valid.Without("title")), "title" },
            { "blank title", Json(valid.With("title", "   ")), "title" },
            { "missing investor", Json(valid.Without("investor")), "investor" },
            { "missing investor kind", Json(valid.With("investor.kind", null)), "investor.kind" },
            { "missing industry", Json(valid.Without("industryCode")), "industryCode" },
            { "missing investment", Json(valid.Without("investment")), "investment" },
            { "negative land", Json(valid.With("landMu", -300)), "landMu" },
            { "negative energy", Json(valid.With("energyTce", -1)), "energyTce" },
            { "zero investment", Json(valid.With("investment", 0)), "investment" },
            { "investment in yuan not wan", Json(valid.With("investment", 15_000_000_000)), "investment" },
            { "negative jobs", Json(valid.With("jobs", -5)), "jobs" },
            { "overlong title", Json(valid.With("title", new string('项', 201))), "title" },
            { "unknown industry class", Json(valid.With("industryCode", "3699")), "industryCode" },
            { "division instead of class", Json(valid.With("industryCode", "36")), "industryCode" },
            { "not a code", Json(valid.With("industryCode", "汽车")), "industryCode" },
            { "unknown county", Json(valid.With("firstContactCounty", "110101")), "firstContactCounty" },
            { "obsolete county code", Json(valid.With("firstContactCounty", "370125")), "firstContactCounty" },
            { "bad credit code check digit", Json(valid.With("investor.creditCode", "91370100MA3C123450")), "investor.creditCode" },
            { "deadline in the past", Json(valid.With("deadline", "2020-01-01")), "deadline" },
            { "malformed date", Json(valid.With("deadline", "明年")), "deadline" },
            { "enum as a list", Json(valid.With("chainPosition", "midstream,downstream")), "chainPosition" },
            { "two ends of the chain", Json(valid.With("chainPosition", "upstream,downstream")), "chainPosition" },
            { "enum as a number", Json(valid.With("chainPosition", 1)), "chainPosition" },
            { "investor kinds as a list", Json(valid.With("investor.kind", "private,foreign")), "investor.kind" },
            { "title of a single NUL", Json(valid.With("title", "\0")), "title" },
            { "escape sequence in the title", Json(valid.With("title", "项目\u001b[2J")), "title" },
            { "line break in the title", Json(valid.With("title", "第一行\r\n第二行")), "title" },
            { "bidirectional override in the title", Json(valid.With("title", "项目\u202e目项")), "title" },
            { "control character in the description", Json(valid.With("description", "简介\u0007")), "description" },
            { "control character in the investor", Json(valid.With("investor.name", "某公司\u0000")), "investor.name" },
            { "20,000-character industry label", Json(valid.With("industryText", new string('x', 20_000))), "industryText" },
            { "overlong credit code", Json(valid.With("investor.creditCode", new string('9', 20_000))), "investor.creditCode" },
        };
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Posting_a_bad_project_is_a_400_naming_the_field_and_stores_nothing(string why, string body, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var stored = app.CountStoredGrains("project/");

        var response = await _client.PostAsync("/api/projects", new StringContent(body, Encoding.UTF8, "application/json"), ct);

        var problem = await Problems.AssertValidationProblem(response, field);
        Assert.NotNull(problem["title"]);
        Assert.True(stored == app.CountStoredGrains("project/"), $"{why}: a rejected post stored a project");
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Putting_a_bad_project_is_a_400_naming_the_field_and_changes_nothing(string why, string body, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, _) = await _client.CreateProject();
        var before = await _client.GetStringAsync($"/api/projects/{id}", ct);

        var response = await _client.PutAsync($"/api/projects/{id}", new StringContent(body, Encoding.UTF8, "application/json"), ct);

        await Problems.AssertValidationProblem(response, field);
        Assert.True(before == await _client.GetStringAsync($"/api/projects/{id}", ct), $"{why}: a rejected edit changed the project");
    }

    /// <summary>Bad bodies of an account created by the admin (<c>POST /api/accounts</c>).</summary>
    public static TheoryData<string, string, string> BadAccountBodies()
    {
        JsonObject Valid() => new()
        {
            ["userName"] = "bad-input-" + Guid.NewGuid().ToString("N")[..6], ["displayName"] = "坏输入测试", ["role"] = "county",
            ["adcode"] = "370112", ["password"] = "Bad-Input-2026", ["reason"] = "测试",
        };
        string Json(JsonObject o) => o.ToJsonString();
        return new TheoryData<string, string, string>
        {
            { "malformed JSON", """{"userName": "x" """, "body" },
            { "missing user name", Json(Valid().Without("userName")), "userName" },
            { "upper-case user name", Json(Valid().With("userName", "Zhang.San")), "userName" },
            { "user name with a space", Json(Valid().With("userName", "zhang san")), "userName" },
            { "overlong user name", Json(Valid().With("userName", new string('a', 41))), "userName" },
            { "control character in the display name", Json(Valid().With("displayName", "张\u0000三")), "displayName" },
            { "missing display name", Json(Valid().Without("displayName")), "displayName" },
            { "missing role", Json(Valid().Without("role")), "role" },
            { "unknown role", Json(Valid().With("role", "superuser")), "role" },
            { "roles as a list", Json(Valid().With("role", "county,admin")), "role" },
            { "role as a number", Json(Valid().With("role", 1)), "role" },
            { "county account without its county", Json(Valid().Without("adcode")), "adcode" },
            { "county outside the province", Json(Valid().With("adcode", "110101")), "adcode" },
            { "county account bound to a prefecture", Json(Valid().With("adcode", "370100")), "adcode" },
            { "prefecture account bound to a county", Json(Valid().With("role", "prefecture")), "adcode" },
            { "admin bound to a county", Json(Valid().With("role", "admin")), "adcode" },
            { "missing password", Json(Valid().Without("password")), "password" },
            { "short password", Json(Valid().With("password", "Ab1-short")), "password" },
            { "password of one kind of character", Json(Valid().With("password", "abcdefghijklmnop")), "password" },
            { "password with the user name", Json(Valid().With("userName", "wang.wu").With("password", "Wang.Wu-2026!")), "password" },
            { "password with a line break", Json(Valid().With("password", "Bad-Input\n2026")), "password" },
            { "missing reason", Json(Valid().Without("reason")), "reason" },
        };
    }

    [Theory]
    [MemberData(nameof(BadAccountBodies))]
    public async Task Creating_a_bad_account_is_a_400_naming_the_field_and_creates_nothing(string why, string body, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var stored = app.CountStoredGrains("account/");

        var response = await app.ClientAs("admin").PostAsync("/api/accounts", new StringContent(body, Encoding.UTF8, "application/json"), ct);

        await Problems.AssertValidationProblem(response, field);
        Assert.True(stored == app.CountStoredGrains("account/"), $"{why}: a rejected account was stored");
    }

    [Fact]
    public async Task All_field_errors_are_reported_at_once()
    {
        var body = ProjectBodies.Valid().With("landMu", -1).With("jobs", -1).With("industryCode", "0000").Without("title");

        var response = await _client.PostAsJsonAsync("/api/projects", body, TestContext.Current.CancellationToken);

        var problem = await Problems.AssertValidationProblem(response, "landMu");
        Assert.Equal(["industryCode", "jobs", "landMu", "title"], problem["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task An_oversize_body_is_413_and_stores_nothing()
    {
        var stored = app.CountStoredGrains("project/");
        var body = ProjectBodies.Valid().With("description", new string('大', 70_000)).ToJsonString();

        var response = await _client.PostAsync("/api/projects", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await Problems.AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(stored, app.CountStoredGrains("project/"));
    }

    [Fact]
    public async Task A_wrong_content_type_is_415()
    {
        var response = await _client.PostAsync("/api/projects", new StringContent(ProjectBodies.Valid().ToJsonString(), Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);

        await Problems.AssertProblem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_missing_body_is_400()
    {
        var response = await _client.PostAsync("/api/projects", new StringContent("", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await Problems.AssertProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_enum_list_names_the_declared_values()
    {
        var body = ProjectBodies.Valid().With("chainPosition", "midstream,downstream").ToJsonString();

        var response = await _client.PostAsync("/api/projects", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var problem = await Problems.AssertValidationProblem(response, "chainPosition");
        var message = problem["errors"]!["chainPosition"]![0]!.GetValue<string>();
        Assert.Contains("upstream", message);
        Assert.Contains("只能填一个", message);
    }

    [Fact]
    public async Task A_status_filter_is_one_declared_status()
    {
        var response = await _client.GetAsync("/api/projects?status=open,contested", TestContext.Current.CancellationToken);

        await Problems.AssertValidationProblem(response, "status");
    }

    [Fact]
    public async Task A_county_label_of_absurd_size_or_with_control_characters_is_400_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var county = app.County("370883");
        var before = await county.GetStringAsync("/api/counties/370883", ct);
        foreach (var label in new[] { new string('x', 20_000), "装备\u001b制造" })
        {
            var body = new JsonObject { ["featuredIndustries"] = new JsonArray(new JsonObject { ["code"] = "3612", ["strength"] = 3, ["label"] = label }) };
            var response = await county.PutAsJsonAsync("/api/counties/370883/profile", body, ct);
            await Problems.AssertValidationProblem(response, "featuredIndustries[0].label");
        }

        Assert.Equal(before, await county.GetStringAsync("/api/counties/370883", ct));
    }

    [Fact]
    public async Task A_bid_with_control_characters_is_400_on_its_field()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, _) = await _client.CreateProject();
        (await _client.PostAsync($"/api/projects/{id}/publish", null, ct)).EnsureSuccessStatusCode();
        var bid = new JsonObject { ["landMu"] = 0, ["energyTce"] = 100, ["deliveryMonths"] = 12, ["commitments"] = "专班\u0000服务", ["note"] = "" };

        var response = await app.County("370102").PostAsJsonAsync($"/api/projects/{id}/bids", bid, ct);

        await Problems.AssertValidationProblem(response, "commitments");
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/bids", ct))!);
    }

    [Fact]
    public async Task A_10000_character_adcode_is_414_as_ProblemDetails()
    {
        var response = await _client.GetAsync($"/api/counties/{new string('3', 10_000)}", TestContext.Current.CancellationToken);

        await Problems.AssertProblem(response, HttpStatusCode.RequestUriTooLong);
    }

    [Fact]
    public async Task A_form_encoded_sign_in_is_415_not_401()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "officer", ["password"] = MatchingApplication.Password });

        var response = await app.CreateClient().PostAsync("/api/auth/token", form, TestContext.Current.CancellationToken);

        await Problems.AssertProblem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_malformed_If_Match_is_400()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, _) = await _client.CreateProject();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{id}/publish");
        request.Headers.TryAddWithoutValidation("If-Match", "\"abc\"");

        await Problems.AssertValidationProblem(await _client.SendAsync(request, ct), "If-Match");
        Assert.Equal("draft", (await _client.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", ct))!["status"]!.GetValue<string>());
    }
}
