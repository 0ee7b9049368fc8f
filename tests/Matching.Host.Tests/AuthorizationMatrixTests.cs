using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Matching.Contracts.Access;
using Matching.Domain.Access;
using Matching.Host.Auth;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Matching.Host.Tests;

/// <summary>
/// Every endpoint called as every kind of caller: the seeded roles, a county that is not the one
/// concerned, and no, expired, forged-signature and foreign tokens. Each is answered as designed, and
/// no refusal carries the object's data.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AuthorizationMatrixTests(MatchingApplication app)
{
    private const string Own = "370112", Other = "370102";
    private const string Allowed = "allowed";
    private const string OwnPrefecture = "370100", OtherPrefecture = "370800";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The callers, by name: a token (or none) each.</summary>
    private string?[] Callers => ["anonymous", "expired", "forged", "foreign-audience", "unknown-account", "officer", "county-own", "county-other", "coordinator", "admin", "prefecture-own", "prefecture-other"];

    private string? TokenOf(string caller) => caller switch
    {
        "anonymous" => null,
        "expired" => Craft(app.Services.GetRequiredService<SigningKeys>().Key, AuthOptions.EmbeddedIssuer, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1)),
        "forged" => Craft(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)), AuthOptions.EmbeddedIssuer, DateTime.UtcNow, DateTime.UtcNow.AddHours(1)),
        "foreign-audience" => Craft(app.Services.GetRequiredService<SigningKeys>().Key, "someone-else", DateTime.UtcNow, DateTime.UtcNow.AddHours(1)),
        // Signed with the host's own key, for a coordinator account that was never created.
        "unknown-account" => Craft(app.Services.GetRequiredService<SigningKeys>().Key, AuthOptions.EmbeddedIssuer, DateTime.UtcNow, DateTime.UtcNow.AddHours(1), user: "ghost-coordinator"),
        "officer" => app.TokenOf(SeededAccounts.Officer),
        "county-own" => app.TokenOf(SeededAccounts.CountyUser(Own)),
        "county-other" => app.TokenOf(SeededAccounts.CountyUser(Other)),
        "coordinator" => app.TokenOf(SeededAccounts.Coordinator),
        "admin" => app.TokenOf(SeededAccounts.Admin),
        // Own and Other are both in 济南市 (370100); 济宁市 (370800) is a prefecture they are not in.
        "prefecture-own" => app.TokenOf(SeededAccounts.PrefectureUser(OwnPrefecture)),
        "prefecture-other" => app.TokenOf(SeededAccounts.PrefectureUser(OtherPrefecture)),
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    /// <summary>A coordinator's token, as the bad tokens pretend to be, with the given key, audience and lifetime.</summary>
    internal static string Craft(SecurityKey key, string audience, DateTime notBefore, DateTime expires, string user = "coordinator") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = AuthOptions.EmbeddedIssuer,
        Audience = audience,
        Claims = new Dictionary<string, object> { ["sub"] = user, ["role"] = "coordinator" },
        NotBefore = notBefore,
        IssuedAt = notBefore,
        Expires = expires,
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });

    private HttpClient Officer => app.Officer();

    private async Task<Guid> Draft() => (await Officer.CreateProject(ProjectBodies.Valid("授权矩阵项目").With("landMu", 50).With("energyTce", 2000))).Id;

    private async Task<Guid> Open()
    {
        var id = await Draft();
        (await Officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<Guid> Withdrawn()
    {
        var id = await Open();
        (await Officer.PostAsJsonAsync($"/api/projects/{id}/withdraw", new { reason = "矩阵撤回" }, Ct)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<JsonObject> Offer(string county) => new()
    {
        ["county"] = county,
        ["parkId"] = (await Officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>(),
        ["landMu"] = 50, ["energyTce"] = 2000, ["deliveryMonths"] = 12, ["landPrice"] = 30, ["commitments"] = "专班服务", ["note"] = "",
    };

    private async Task<string> OwnPark() => (await Officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={Own}", Ct))![0]!["id"]!.GetValue<string>();

    private async Task<Guid> OpenWithOwnBid()
    {
        var id = await Open();
        (await app.County(Own).PostAsJsonAsync($"/api/projects/{id}/bids", await Offer(Own), Ct)).EnsureSuccessStatusCode();
        return id;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, JsonNode? body = null) =>
        new(method, path) { Content = body is null ? null : JsonContent.Create(body) };

    /// <summary>
    /// The matrix. Each row builds its request afresh (mutations get objects of their own) and says what
    /// each signed-in caller gets; bad and missing tokens always get 401.
    /// </summary>
    private IEnumerable<(string Name, Func<Task<HttpRequestMessage>> Build, Dictionary<string, string> Expected)> Rows() =>
        BaseRows().Select(row => PrefectureExpected.TryGetValue(row.Name, out var p)
            ? (row.Name, row.Build, new Dictionary<string, string>(row.Expected) { ["prefecture-own"] = p.Own, ["prefecture-other"] = p.Other })
            : throw new InvalidOperationException($"Row “{row.Name}” does not say what prefecture coordinators get."));

    /// <summary>
    /// What the coordinator of the rows' counties' prefecture (济南) and of another (济宁) get, by row: a
    /// prefecture coordinator sees its counties' work and contests, never another prefecture's, and decides
    /// only contests routed to it (none in these rows).
    /// </summary>
    private static readonly Dictionary<string, (string Own, string Other)> PrefectureExpected = new()
    {
        ["GET me"] = (Allowed, Allowed), ["GET counties"] = (Allowed, Allowed), ["GET county"] = (Allowed, Allowed),
        ["PUT county profile"] = ("403", "403"),
        ["GET county matches"] = (Allowed, "403"), ["GET county inbox"] = (Allowed, "403"), ["GET county bids"] = (Allowed, "403"), ["GET county quota"] = (Allowed, "403"),
        ["GET parks"] = (Allowed, Allowed), ["GET industries"] = (Allowed, Allowed), ["GET rules"] = (Allowed, Allowed),
        ["GET project search"] = (Allowed, Allowed), ["GET my projects"] = (Allowed, Allowed),
        ["POST project"] = ("403", "403"), ["GET draft"] = ("404", "404"), ["GET open project"] = (Allowed, Allowed),
        ["PUT draft"] = ("404", "404"), ["POST publish"] = ("404", "404"), ["POST withdraw"] = ("403", "403"),
        ["GET project matches"] = ("403", "403"), ["GET project flags"] = ("403", "403"), ["GET project history"] = ("403", "403"),
        ["POST bid for own county"] = ("403", "403"), ["GET bids"] = (Allowed, Allowed), ["DELETE own county's bid"] = ("403", "403"),
        ["POST decision"] = ("403", "403"), ["GET decisions"] = (Allowed, Allowed),
        ["GET overview"] = ("403", "403"), ["GET contests"] = (Allowed, Allowed), ["GET dashboard"] = ("403", "403"),
        ["GET bids of a project the officer did not post"] = (Allowed, Allowed), ["GET a reopened project's bids"] = (Allowed, Allowed),
        ["GET contest route"] = (Allowed, Allowed), ["POST takeover"] = ("403", "403"), ["GET escalation rules"] = (Allowed, Allowed),
        ["POST decision on a contest routed to 济南"] = (Allowed, "403"),
        ["GET pairings"] = (Allowed, Allowed), ["POST pairing"] = ("403", "403"), ["GET county joint partners"] = (Allowed, "403"),
        ["GET joint bids"] = (Allowed, Allowed), ["POST joint bid"] = ("403", "403"), ["POST joint bid confirmation"] = ("403", "403"), ["POST joint bid decline"] = ("403", "403"),
        ["POST restore"] = ("403", "403"), ["GET project match rows"] = ("403", "403"), ["GET quotas"] = (Allowed, Allowed),
        ["GET account"] = ("403", "403"), ["PUT account status"] = ("403", "403"),
        ["GET accounts"] = ("403", "403"), ["POST account"] = ("403", "403"),
        ["POST own password"] = (Allowed, Allowed),
        ["PUT park land"] = ("403", "403"), ["POST park land review"] = ("403", "403"), ["GET park land audit"] = (Allowed, Allowed),
        ["GET holding list"] = ("403", "403"), ["PUT park county"] = ("403", "403"),
    };

    private IEnumerable<(string Name, Func<Task<HttpRequestMessage>> Build, Dictionary<string, string> Expected)> BaseRows()
    {
        Dictionary<string, string> Expect(string officer, string own, string other, string coordinator, string admin) => new()
        {
            ["officer"] = officer, ["county-own"] = own, ["county-other"] = other, ["coordinator"] = coordinator, ["admin"] = admin,
        };
        var everyone = Expect(Allowed, Allowed, Allowed, Allowed, Allowed);
        var ownCountyOnly = Expect("403", Allowed, "403", "403", "403");
        var countyWork = Expect(Allowed, Allowed, "403", Allowed, Allowed);
        var running = Expect(Allowed, "403", "403", Allowed, Allowed);
        var editing = Expect(Allowed, "404", "404", Allowed, "403");

        yield return ("GET me", () => Task.FromResult(Request(HttpMethod.Get, "/api/auth/me")), everyone);
        yield return ("GET counties", () => Task.FromResult(Request(HttpMethod.Get, "/api/counties")), everyone);
        yield return ("GET county", () => Task.FromResult(Request(HttpMethod.Get, $"/api/counties/{Own}")), everyone);
        yield return ("PUT county profile", () => Task.FromResult(Request(HttpMethod.Put, $"/api/counties/{Own}/profile", new JsonObject())), ownCountyOnly);
        yield return ("GET county matches", () => Task.FromResult(Request(HttpMethod.Get, $"/api/counties/{Own}/matches")), countyWork);
        yield return ("GET county inbox", () => Task.FromResult(Request(HttpMethod.Get, $"/api/counties/{Own}/inbox")), countyWork);
        yield return ("GET county bids", () => Task.FromResult(Request(HttpMethod.Get, $"/api/counties/{Own}/bids")), countyWork);
        yield return ("GET county quota", () => Task.FromResult(Request(HttpMethod.Get, $"/api/counties/{Own}/quota")), countyWork);
        yield return ("GET parks", () => Task.FromResult(Request(HttpMethod.Get, $"/api/parks?county={Own}")), everyone);
        // An empty body: the park's county and coordinators are let through to a 400.
        yield return ("PUT park land", async () => Request(HttpMethod.Put, $"/api/parks/{await OwnPark()}/land", new JsonObject()), Expect("403", Allowed, "403", Allowed, "403"));
        yield return ("POST park land review", async () => Request(HttpMethod.Post, $"/api/parks/{await OwnPark()}/land/review", new JsonObject()), Expect("403", "403", "403", Allowed, "403"));
        yield return ("GET park land audit", async () => Request(HttpMethod.Get, $"/api/parks/{await OwnPark()}/land/audit"), everyone);
        yield return ("GET holding list", () => Task.FromResult(Request(HttpMethod.Get, "/api/parks/holding")), Expect("403", "403", "403", Allowed, Allowed));
        // An empty body: only provincial coordinators pass the route's policy, to a 400 naming the county.
        yield return ("PUT park county", async () => Request(HttpMethod.Put, $"/api/parks/{await OwnPark()}/county", new JsonObject()), Expect("403", "403", "403", Allowed, "403"));
        yield return ("GET industries", () => Task.FromResult(Request(HttpMethod.Get, "/api/industries?q=光伏")), everyone);
        yield return ("GET rules", () => Task.FromResult(Request(HttpMethod.Get, "/api/rules")), everyone);
        yield return ("GET project search", () => Task.FromResult(Request(HttpMethod.Get, "/api/projects?q=项目")), everyone);
        yield return ("GET my projects", () => Task.FromResult(Request(HttpMethod.Get, "/api/projects/mine")), everyone);
        yield return ("POST project", () => Task.FromResult(Request(HttpMethod.Post, "/api/projects", ProjectBodies.Valid("授权矩阵新项目"))),
            Expect(Allowed, "403", "403", Allowed, "403"));
        yield return ("GET draft", async () => Request(HttpMethod.Get, $"/api/projects/{await Draft()}"), Expect(Allowed, "404", "404", Allowed, Allowed));
        yield return ("GET open project", async () => Request(HttpMethod.Get, $"/api/projects/{await Open()}"), everyone);
        yield return ("PUT draft", async () => Request(HttpMethod.Put, $"/api/projects/{await Draft()}", ProjectBodies.Valid("改名")), editing);
        yield return ("POST publish", async () => Request(HttpMethod.Post, $"/api/projects/{await Draft()}/publish"), editing);
        yield return ("POST withdraw", async () => Request(HttpMethod.Post, $"/api/projects/{await Open()}/withdraw"),
            Expect(Allowed, "403", "403", Allowed, "403"));
        yield return ("POST restore", async () => Request(HttpMethod.Post, $"/api/projects/{await Withdrawn()}/restore", new JsonObject { ["reason"] = "矩阵恢复" }),
            Expect(Allowed, "403", "403", Allowed, "403"));
        yield return ("GET project matches", async () => Request(HttpMethod.Get, $"/api/projects/{await Open()}/matches"), running);
        yield return ("GET project match rows", async () => Request(HttpMethod.Get, $"/api/projects/{await Open()}/matches/rows"), running);
        // Every caller reads quotas: a county reads its own rows only.
        yield return ("GET quotas", () => Task.FromResult(Request(HttpMethod.Get, "/api/quotas?kind=energy")), everyone);
        yield return ("GET project flags", async () => Request(HttpMethod.Get, $"/api/projects/{await Open()}/flags"), running);
        yield return ("GET project history", async () => Request(HttpMethod.Get, $"/api/projects/{await Open()}/history"), running);
        yield return ("POST bid for own county", async () => Request(HttpMethod.Post, $"/api/projects/{await Open()}/bids", await Offer(Own)),
            Expect("403", Allowed, "403", "403", "403"));
        yield return ("GET bids", async () => Request(HttpMethod.Get, $"/api/projects/{await OpenWithOwnBid()}/bids"), everyone);
        yield return ("DELETE own county's bid", async () => Request(HttpMethod.Delete, $"/api/projects/{await OpenWithOwnBid()}/bids/{Own}"),
            Expect("403", Allowed, "403", "403", "403"));
        yield return ("POST decision", async () =>
        {
            var id = await OpenWithOwnBid();
            return Request(HttpMethod.Post, $"/api/projects/{id}/decision", new JsonObject { ["kind"] = "reject", ["reason"] = "矩阵测试", ["expectedVersion"] = 3 });
        }, Expect("403", "403", "403", Allowed, "403"));
        yield return ("GET decisions", async () => Request(HttpMethod.Get, $"/api/projects/{await Open()}/decisions"), everyone);
        yield return ("GET overview", () => Task.FromResult(Request(HttpMethod.Get, "/api/overview")), Expect("403", "403", "403", Allowed, Allowed));
        yield return ("GET contests", () => Task.FromResult(Request(HttpMethod.Get, "/api/contests")), Expect("403", "403", "403", Allowed, Allowed));
        yield return ("GET account", () => Task.FromResult(Request(HttpMethod.Get, "/api/accounts/county-370105")), Expect("403", "403", "403", "403", Allowed));
        yield return ("GET accounts", () => Task.FromResult(Request(HttpMethod.Get, "/api/accounts?role=county&take=5")), Expect("403", "403", "403", "403", Allowed));
        // A user name of its own each time: only the admin's request creates an account.
        yield return ("POST account", () => Task.FromResult(Request(HttpMethod.Post, "/api/accounts", new JsonObject
        {
            ["userName"] = "matrix-" + Guid.NewGuid().ToString("N")[..8], ["displayName"] = "矩阵测试账号", ["role"] = "county", ["adcode"] = Own,
            ["password"] = "Matrix-Test-2026", ["reason"] = "矩阵测试",
        })), Expect("403", "403", "403", "403", Allowed));
        // Every signed-in account may change its own password; a new password the policy refuses lets each
        // through to a 400 before anything is checked or counted, so no seeded password changes here.
        yield return ("POST own password", () => Task.FromResult(Request(HttpMethod.Post, "/api/accounts/me/password", new JsonObject
        {
            ["currentPassword"] = "matching-test-password", ["newPassword"] = "short",
        })), everyone);
        // Enabling an enabled account changes nothing, so the matrix can run it as every caller.
        yield return ("PUT account status", () => Task.FromResult(Request(HttpMethod.Put, "/api/accounts/county-370105/status", new JsonObject { ["disabled"] = false, ["reason"] = "矩阵测试" })),
            Expect("403", "403", "403", "403", Allowed));
        yield return ("GET dashboard", () => Task.FromResult(Request(HttpMethod.Get, "/dashboard/")), Expect("403", "403", "403", "403", Allowed));
        // Bids of a project the coordinator posted: the officer runs it not, so he reads them nowhere.
        yield return ("GET bids of a project the officer did not post", async () => Request(HttpMethod.Get, $"/api/projects/{await CoordinatorsProjectWithOwnBid()}/bids"),
            Expect("403", Allowed, Allowed, Allowed, Allowed));
        yield return ("GET a reopened project's bids", async () => Request(HttpMethod.Get, $"/api/projects/{await ReopenedWithNewBid()}/bids"), everyone);
        yield return ("GET contest route", async () => Request(HttpMethod.Get, $"/api/projects/{await Open()}/route"), everyone);
        // Not contested: the coordinator is let through to a 409.
        yield return ("POST takeover", async () => Request(HttpMethod.Post, $"/api/projects/{await OpenWithOwnBid()}/route/takeover", new JsonObject { ["reason"] = "矩阵测试" }),
            Expect("403", "403", "403", Allowed, "403"));
        yield return ("GET escalation rules", () => Task.FromResult(Request(HttpMethod.Get, "/api/escalation-rules")), everyone);
        yield return ("GET pairings", () => Task.FromResult(Request(HttpMethod.Get, "/api/pairings")), everyone);
        // An empty pairing: the coordinator is let through to a 400.
        yield return ("POST pairing", () => Task.FromResult(Request(HttpMethod.Post, "/api/pairings", new JsonObject())), Expect("403", "403", "403", Allowed, "403"));
        yield return ("GET county joint partners", () => Task.FromResult(Request(HttpMethod.Get, $"/api/counties/{Own}/joint-partners")), countyWork);
        yield return ("GET joint bids", async () => Request(HttpMethod.Get, $"/api/projects/{await Open()}/joint-bids"), everyone);
        // An empty joint bid: counties are let through to a 400.
        yield return ("POST joint bid", async () => Request(HttpMethod.Post, $"/api/projects/{await Open()}/joint-bids", new JsonObject()), Expect("403", Allowed, Allowed, "403", "403"));
        // Nobody invited the caller: a county learns only that (404).
        yield return ("POST joint bid confirmation", async () => Request(HttpMethod.Post, $"/api/projects/{await Open()}/joint-bids/370114/confirm", new JsonObject()), Expect("403", "404", "404", "403", "403"));
        yield return ("POST joint bid decline", async () => Request(HttpMethod.Post, $"/api/projects/{await Open()}/joint-bids/370114/decline", new JsonObject()), Expect("403", "404", "404", "403", "403"));
        yield return ("POST decision on a contest routed to 济南", async () =>
        {
            var id = await ContestedInJinan();
            return Request(HttpMethod.Post, $"/api/projects/{id}/decision", new JsonObject { ["kind"] = "reject", ["reason"] = "矩阵测试", ["expectedVersion"] = await VersionOf(id) });
        }, Expect("403", "403", "403", Allowed, "403"));
    }

    /// <summary>A small project (under every size threshold) contested by two 济南 counties: routed to 济南市.</summary>
    private async Task<Guid> ContestedInJinan()
    {
        var (id, _) = await Officer.CreateProject(ProjectBodies.Valid("授权矩阵市级项目").With("investment", 50000).With("landMu", 50).With("energyTce", 2000));
        (await Officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        foreach (var county in new[] { Own, Other })
            (await app.County(county).PostAsJsonAsync($"/api/projects/{id}/bids", await Offer(county), Ct)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<Guid> CoordinatorsProjectWithOwnBid()
    {
        var coordinator = app.Coordinator();
        var (id, _) = await coordinator.CreateProject(ProjectBodies.Valid("授权矩阵统筹项目").With("landMu", 50).With("energyTce", 2000));
        (await coordinator.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        (await app.County(Own).PostAsJsonAsync($"/api/projects/{id}/bids", await Offer(Own), Ct)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<long> VersionOf(Guid id) => (await Officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();

    private async Task Decide(Guid id, JsonObject decision)
    {
        decision["expectedVersion"] = await VersionOf(id);
        (await app.Coordinator().PostAsJsonAsync($"/api/projects/{id}/decision", decision, Ct)).EnsureSuccessStatusCode();
    }

    /// <summary>A project awarded, reopened, then bid on by <see cref="Own"/> in the new round.</summary>
    private async Task<Guid> ReopenedWithNewBid()
    {
        const string assigned = "370114";
        var id = await Open();
        await Decide(id, new JsonObject
        {
            ["kind"] = "award", ["county"] = assigned, ["parkId"] = (await Offer(assigned))["parkId"]!.GetValue<string>(),
            ["reason"] = "省级统筹指定", ["assignsNonBidder"] = true,
        });
        await Decide(id, new JsonObject { ["kind"] = "reopen", ["reason"] = "重新征集意向" });
        (await app.County(Own).PostAsJsonAsync($"/api/projects/{id}/bids", await Offer(Own), Ct)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<string[]> BidsSeenBy(HttpClient client, Guid id) =>
        [.. (await client.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/bids", Ct))!.Select(b => b!["county"]!.GetValue<string>())];

    [Fact]
    public async Task A_reopened_projects_new_round_is_hidden_from_other_counties_until_that_round_is_decided()
    {
        var id = await ReopenedWithNewBid();

        Assert.Empty(await BidsSeenBy(app.County(Other), id));
        Assert.Equal([Own], await BidsSeenBy(app.County(Own), id));

        await Decide(id, new JsonObject
        {
            ["kind"] = "award", ["county"] = Own, ["parkId"] = (await Offer(Own))["parkId"]!.GetValue<string>(), ["reason"] = "第二轮唯一意向",
        });
        Assert.Equal([Own], await BidsSeenBy(app.County(Other), id));
    }

    [Fact]
    public async Task An_officer_reads_bids_only_on_projects_he_posted_through_either_endpoint()
    {
        var theirs = await CoordinatorsProjectWithOwnBid();
        var mine = await OpenWithOwnBid();
        async Task<Guid[]> CountyBidsSeenBy(HttpClient client) =>
            [.. (await client.GetFromJsonAsync<JsonArray>($"/api/counties/{Own}/bids", Ct))!.Select(r => r!["project"]!["id"]!.GetValue<Guid>())];

        await Problems.AssertProblem(await Officer.GetAsync($"/api/projects/{theirs}/bids", Ct), HttpStatusCode.Forbidden);
        var officerSees = await CountyBidsSeenBy(Officer);
        Assert.DoesNotContain(theirs, officerSees);
        Assert.Contains(mine, officerSees);
        Assert.Contains(theirs, await CountyBidsSeenBy(app.Coordinator()));
        Assert.Contains(theirs, await CountyBidsSeenBy(app.County(Own)));
    }

    [Fact]
    public async Task A_county_that_withdrew_its_only_bid_no_longer_sees_the_investor()
    {
        var id = await OpenWithOwnBid();
        var county = app.County(Own);
        Assert.Equal("某新能源汽车股份有限公司", (await county.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["investor"]?["name"]?.GetValue<string>());

        (await county.DeleteAsync($"/api/projects/{id}/bids/{Own}", Ct)).EnsureSuccessStatusCode();

        Assert.Null((await county.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["investor"]?.GetValue<object>());
    }

    [Fact]
    public async Task A_forged_token_in_the_dashboard_address_never_becomes_a_cookie()
    {
        var forged = TokenOf("forged")!;
        var response = await app.CreateClient().GetAsync($"/dashboard/?access_token={forged}", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Every_endpoint_answers_every_caller_as_designed_without_leaking_data()
    {
        var failures = new List<string>();
        var client = app.CreateClient();
        foreach (var (name, build, expected) in Rows())
        {
            foreach (var caller in Callers)
            {
                using var request = await build();
                if (TokenOf(caller!) is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await client.SendAsync(request, Ct);
                var want = expected.TryGetValue(caller!, out var w) ? w : "401";
                var status = (int)response.StatusCode;
                var got = status is 401 or 403 or 404 ? status.ToString() : Allowed;
                if (got != want) failures.Add($"{name} as {caller}: expected {want}, got {status}");
                if (got != Allowed)
                {
                    var body = await response.Content.ReadAsStringAsync(Ct);
                    if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        failures.Add($"{name} as {caller}: a {status} without ProblemDetails");
                    if (body.Contains("某新能源汽车") || body.Contains("授权矩阵"))
                        failures.Add($"{name} as {caller}: the refusal leaks the object: {body}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_hub_refuses_missing_and_bad_tokens()
    {
        foreach (var caller in new[] { "anonymous", "expired", "forged", "foreign-audience" })
        {
            var token = TokenOf(caller);
            await using var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(app.CreateClient().BaseAddress!, LiveHubProtocol.Path), o => o.AccessTokenProvider = () => Task.FromResult(token))
                .Build();
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync(Ct));
            Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        }
    }

    [Fact]
    public async Task Every_hub_method_answers_every_role_as_designed()
    {
        var draft = await Draft();
        var open = await Open();
        var own = new Dictionary<string, string>
        {
            ["officer"] = "officer:officer", ["county-own"] = $"county:{Own}", ["county-other"] = $"county:{Other}",
            ["coordinator"] = "coordinators", ["admin"] = "coordinators",
            ["prefecture-own"] = $"prefecture:{OwnPrefecture}", ["prefecture-other"] = $"prefecture:{OtherPrefecture}",
        };
        var failures = new List<string>();
        foreach (var (caller, stream) in own)
        {
            var token = TokenOf(caller);
            await using var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(app.CreateClient().BaseAddress!, LiveHubProtocol.Path), o => o.AccessTokenProvider = () => Task.FromResult(token))
                .Build();
            await hub.StartAsync(Ct);
            async Task<bool> Allowed(Func<Task> call)
            {
                try
                {
                    await call();
                    return true;
                }
                catch (Microsoft.AspNetCore.SignalR.HubException)
                {
                    return false;
                }
            }

            var streams = await hub.InvokeAsync<StreamHead[]>(LiveHubProtocol.Streams, Ct);
            if (!streams.Select(h => h.Stream).SequenceEqual([stream])) failures.Add($"{caller}: Streams() gave {string.Join(",", streams.Select(h => h.Stream))}");
            foreach (var other in own.Values.Distinct())
            {
                var may = other == stream;
                if (await Allowed(() => hub.InvokeAsync<LivePage>(LiveHubProtocol.Resume, other, 0L, Ct)) != may)
                    failures.Add($"{caller}: Resume({other}) should be {(may ? "allowed" : "refused")}");
            }

            var seesDrafts = caller is "officer" or "coordinator" or "admin";
            if (await Allowed(() => hub.InvokeAsync<StreamHead>(LiveHubProtocol.Watch, draft, Ct)) != seesDrafts)
                failures.Add($"{caller}: Watch(draft) should be {(seesDrafts ? "allowed" : "refused")}");
            if (!await Allowed(() => hub.InvokeAsync<StreamHead>(LiveHubProtocol.Watch, open, Ct))) failures.Add($"{caller}: Watch(open) refused");
            if (await Allowed(() => hub.InvokeAsync<StreamHead>(LiveHubProtocol.Watch, Guid.NewGuid(), Ct))) failures.Add($"{caller}: Watch(unknown) allowed");
            // Once watched, the project's stream is the connection's too; another project's is not.
            if (!await Allowed(() => hub.InvokeAsync<LivePage>(LiveHubProtocol.Resume, Contracts.Live.LiveStreams.Project(open), 0L, Ct)))
                failures.Add($"{caller}: Resume of a watched project refused");
            if (await Allowed(() => hub.InvokeAsync<LivePage>(LiveHubProtocol.Resume, Contracts.Live.LiveStreams.Project(Guid.NewGuid()), 0L, Ct)))
                failures.Add($"{caller}: Resume of an unwatched project allowed");
            await hub.InvokeAsync(LiveHubProtocol.Unwatch, open, Ct);
            if (await Allowed(() => hub.InvokeAsync<LivePage>(LiveHubProtocol.Resume, Contracts.Live.LiveStreams.Project(open), 0L, Ct)))
                failures.Add($"{caller}: Resume after Unwatch allowed");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Blind_posting_reveals_the_investor_only_to_bidders_and_staff_and_audits_each_reveal()
    {
        var id = await OpenWithOwnBid();
        string? Investor(JsonObject project) => project["investor"]?["name"]?.GetValue<string>();

        var toBidder = (await app.County(Own).GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!;
        var toOther = (await app.County(Other).GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!;
        var toCoordinator = (await app.Coordinator().GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!;

        Assert.Equal("某新能源汽车股份有限公司", Investor(toBidder));
        Assert.Null(Investor(toOther));
        Assert.Null(toOther["investor"]?.GetValue<object>());
        Assert.Equal("某新能源汽车股份有限公司", Investor(toCoordinator));
        var (reveals, _) = await app.Services.GetRequiredService<Grains.Access.RevealAudit>().ReadAsync(id, 0, 100, Ct);
        Assert.Equal([SeededAccounts.CountyUser(Own)], reveals.Select(r => r.Actor));
    }

    [Fact]
    public async Task A_county_sees_other_counties_bids_only_after_a_decision()
    {
        var id = await OpenWithOwnBid();
        const string third = "370114";
        (await app.County(third).PostAsJsonAsync($"/api/projects/{id}/bids", await Offer(third), Ct)).EnsureSuccessStatusCode();
        async Task<string[]> BidsSeenBy(HttpClient client) =>
            [.. (await client.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/bids", Ct))!.Select(b => b!["county"]!.GetValue<string>())];

        Assert.Equal([Own], await BidsSeenBy(app.County(Own)));
        Assert.Empty(await BidsSeenBy(app.County(Other)));

        var version = (await Officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();
        (await app.Coordinator().PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "award", ["county"] = third, ["parkId"] = (await Offer(third))["parkId"]!.GetValue<string>(), ["reason"] = "配套更优", ["expectedVersion"] = version,
        }, Ct)).EnsureSuccessStatusCode();

        Assert.Equal([Own, third], await BidsSeenBy(app.County(Own)));
    }

    [Fact]
    public async Task The_dashboard_opened_with_an_admin_token_keeps_it_in_a_cookie_for_its_own_pages_only()
    {
        var handler = new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = app.CreateClient().BaseAddress };

        var officer = await browser.GetAsync($"/dashboard/?access_token={app.TokenOf(SeededAccounts.Officer)}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, officer.StatusCode);
        var opened = await browser.GetAsync($"/dashboard/?access_token={app.TokenOf(SeededAccounts.Admin)}", Ct);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var cookie = Assert.Single(handler.CookieContainer.GetAllCookies(), c => c.Name == "matching_dashboard");
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/dashboard", cookie.Path);

        // Its scripts then call it without any header, and the API does not take the cookie.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard/", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/contests", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_county_cannot_bid_in_another_countys_name()
    {
        var id = await Open();
        var response = await app.County(Other).PostAsJsonAsync($"/api/projects/{id}/bids", await Offer(Own), Ct);
        await Problems.AssertProblem(response, HttpStatusCode.Forbidden);
        Assert.Empty((await Officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/bids", Ct))!);
    }
}
