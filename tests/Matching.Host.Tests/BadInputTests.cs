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
