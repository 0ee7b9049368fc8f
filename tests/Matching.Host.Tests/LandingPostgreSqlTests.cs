using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Matching.Host.Tests.LandingTestKit;

namespace Matching.Host.Tests;

/// <summary>The cluster profile's storage (PostgreSQL on the throwaway server): evidence files and a confirmed stage through the host.</summary>
public sealed class LandingPostgreSqlTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task An_attachment_round_trips_and_a_confirmed_signing_lands_the_project_on_postgresql()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var ct = TestContext.Current.CancellationToken;
        await using var app = MatchingApplication.OnPostgres(postgres.ConnectionString);
        await app.InitializeAsync();
        var id = await AwardedProject(app, "370102", "集群落地测试项目");
        var county = app.County("370102");

        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 9, 8, 7, 6 };
        var uploaded = await (await Upload(county, id, jpeg, "开工现场.jpg", "image/jpeg")).ReadJson();
        var file = uploaded["id"]!.GetValue<Guid>();
        var download = await app.Officer().GetAsync($"/api/attachments/{file}", ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(jpeg, await download.Content.ReadAsByteArrayAsync(ct));

        var landed = await ReportAndConfirm(app, county, id, Stage("signed", file, ("contractNumber", "PG-1"), ("amount", 900)));
        Assert.Equal("landed", landed["status"]!.GetValue<string>());
        Assert.Equal("开工现场.jpg", StageOf(landed, "signed")["attachments"]![0]!["fileName"]!.GetValue<string>());
        var project = await app.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{id}", ct);
        Assert.Equal("landed", project!["status"]!.GetValue<string>());
    }
}
