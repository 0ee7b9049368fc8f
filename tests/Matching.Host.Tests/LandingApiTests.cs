using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Domain.Access;
using MiniExcelLibs;
using static Matching.Host.Tests.LandingTestKit;

namespace Matching.Host.Tests;

/// <summary>The stages after a decision through the real host: reports, confirmations, refusals, evidence files, live events.</summary>
[Collection(HostCollection.Name)]
public sealed class LandingApiTests(MatchingApplication app)
{
    private const string Winner = "370102", Other = "370105";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_stage_is_reported_and_confirmed_in_order_and_the_right_people_hear_of_it()
    {
        var probes = new Dictionary<string, LiveProbe>();
        try
        {
            foreach (var user in new[] { SeededAccounts.CountyUser(Winner), SeededAccounts.CountyUser(Other), SeededAccounts.Officer, SeededAccounts.Coordinator })
                probes[user] = await app.Live(user).StartAsync();
            var id = await AwardedProject(app, Winner, "落地全流程测试项目");
            var county = app.County(Winner);
            var file = await Uploaded(county, id);

            var signed = await ReportAndConfirm(app, county, id, Stage("signed", file, ("contractNumber", "鲁投协字〔2026〕18号"), ("amount", 52000)));
            Assert.Equal("landed", signed["status"]!.GetValue<string>());
            Assert.Equal("confirmed", StageOf(signed, "signed")["latest"]!["status"]!.GetValue<string>());
            Assert.Equal(52000m, StageOf(signed, "signed")["confirmed"]!["amount"]!.GetValue<decimal>());
            Assert.Equal("started", signed["clock"]!["stage"]!.GetValue<string>());

            // A return: the county reports again, then it is confirmed.
            var started = await Report(county, id, Stage("started", file, ("permitNumber", "370102202601010101")));
            var number = (await started.ReadJson())["pending"]!.AsArray().Single()!.GetValue<int>();
            var returned = await app.Coordinator().PostAsJsonAsync($"/api/projects/{id}/landing/reports/{number}/return", new JsonObject { ["reason"] = "许可证扫描件不清晰" }, Ct);
            Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
            Assert.Equal("returned", StageOf(await returned.ReadJson(), "started")["latest"]!["status"]!.GetValue<string>());
            await ReportAndConfirm(app, county, id, Stage("started", file, ("permitNumber", "370102202601010101")));

            await ReportAndConfirm(app, county, id, Stage("fundsArrived", file, ("cumulativeFunds", 10000)));
            // Cumulative funds never go down.
            await Problems.AssertValidationProblem(await Report(county, id, Stage("fundsArrived", file, ("cumulativeFunds", 8000))), "cumulativeFunds");
            await ReportAndConfirm(app, county, id, Stage("fundsArrived", file, ("cumulativeFunds", 30000)));
            await ReportAndConfirm(app, county, id, Stage("producing", file));
            var done = await ReportAndConfirm(app, county, id, Stage("atCapacity", file, ("outputValue", 120000), ("tax", 6000), ("jobs", 800)));

            Assert.Equal(30000m, StageOf(done, "fundsArrived")["confirmed"]!["cumulativeFunds"]!.GetValue<decimal>());
            Assert.Equal(800, StageOf(done, "atCapacity")["confirmed"]!["jobs"]!.GetValue<int>());
            Assert.Equal(["fundsArrived"], done["reportable"]!.AsArray().Select(s => s!.GetValue<string>()));
            Assert.Null(done["clock"]);
            Assert.Equal("证明.pdf", StageOf(done, "signed")["attachments"]![0]!["fileName"]!.GetValue<string>());

            // The officer sees the stages on his project; the history holds every report and review.
            var officerView = await app.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{id}/landing", Ct);
            Assert.Equal("confirmed", StageOf(officerView!, "atCapacity")["latest"]!["status"]!.GetValue<string>());
            var history = await app.Officer().GetFromJsonAsync<JsonArray>($"/api/projects/{id}/history?take=500", Ct);
            var kinds = history!.Select(e => e!["kind"]!.GetValue<string>()).ToArray();
            Assert.Equal(7, kinds.Count(k => k == "landingReported"));
            Assert.Equal(6, kinds.Count(k => k == "landingConfirmed"));
            Assert.Equal(1, kinds.Count(k => k == "landingReturned"));
            Assert.Contains(history!, e => e!["trigger"]?.GetValue<string>() == "land");

            // Live: the winner, the officer and coordinators hear of every step; another county of none.
            string[] steps = [.. Enumerable.Repeat("landingReported", 7), .. Enumerable.Repeat("landingReviewed", 7)];
            foreach (var user in new[] { SeededAccounts.CountyUser(Winner), SeededAccounts.Officer, SeededAccounts.Coordinator })
            {
                var got = await probes[user].WaitFor(id, steps);
                Assert.Equal(7, got.Count(t => t == "landingReported"));
                Assert.Equal(7, got.Count(t => t == "landingReviewed"));
            }

            await Task.Delay(300, Ct);
            Assert.DoesNotContain(probes[SeededAccounts.CountyUser(Other)].TypesFor(id), t => t.StartsWith("landing", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var probe in probes.Values) await probe.DisposeAsync();
        }
    }

    [Fact]
    public async Task Bad_reports_are_refused_naming_the_field_and_store_nothing()
    {
        var id = await AwardedProject(app, Winner, "落地校验测试项目");
        var county = app.County(Winner);
        var file = await Uploaded(county, id);
        var before = (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();

        // Out of order: 开工 before 签约 is confirmed.
        var early = await Problems.AssertValidationProblem(await Report(county, id, Stage("started", file, ("permitNumber", "X1"))), "stage");
        Assert.Contains("签约", early["errors"]!["stage"]![0]!.GetValue<string>());
        await Problems.AssertValidationProblem(await Report(county, id, Stage("signed", file, ("contractNumber", "C-1"), ("amount", -1))), "amount");
        await Problems.AssertValidationProblem(await Report(county, id, Stage("signed", file, ("amount", 100))), "contractNumber");
        await Problems.AssertValidationProblem(await Report(county, id, Stage("signed", Guid.NewGuid(), ("contractNumber", "C-1"), ("amount", 100))), "attachmentIds[0]");
        var future = Stage("signed", file, ("contractNumber", "C-1"), ("amount", 100));
        future["date"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd");
        await Problems.AssertValidationProblem(await Report(county, id, future), "date");
        await Problems.AssertValidationProblem(await Report(county, id, Stage("nonsense", file)), "stage");

        // A county that did not win.
        var other = app.County(Other);
        var stranger = await Problems.AssertProblem(await Report(other, id, Stage("signed", file, ("contractNumber", "C-1"), ("amount", 100))), HttpStatusCode.Forbidden);
        Assert.True(stranger["errors"]?.AsObject().ContainsKey("county") == true, stranger.ToJsonString());

        // A coordinator confirming a report that does not exist; a return without reason.
        await Problems.AssertValidationProblem(await app.Coordinator().PostAsJsonAsync($"/api/projects/{id}/landing/reports/99/confirm", new JsonObject(), Ct), "number");
        var reported = await Report(county, id, Stage("signed", file, ("contractNumber", "C-1"), ("amount", 100)));
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        var number = (await reported.ReadJson())["pending"]![0]!.GetValue<int>();
        await Problems.AssertValidationProblem(await app.Coordinator().PostAsJsonAsync($"/api/projects/{id}/landing/reports/{number}/return", new JsonObject(), Ct), "reason");
        // Reporting again while it awaits review.
        await Problems.AssertValidationProblem(await Report(county, id, Stage("signed", file, ("contractNumber", "C-2"), ("amount", 100))), "stage");
        // Only coordinators confirm.
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsJsonAsync($"/api/projects/{id}/landing/reports/{number}/confirm", new JsonObject(), Ct)).StatusCode);

        // Nothing but the one good report was stored.
        var after = await app.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct);
        Assert.Equal(before + 1, after!["version"]!.GetValue<long>());
        Assert.Equal("awarded", after["status"]!.GetValue<string>());
        var landing = await county.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/landing", Ct);
        Assert.Equal("C-1", StageOf(landing!, "signed")["latest"]!["figures"]!["contractNumber"]!.GetValue<string>());
        Assert.Equal("reported", StageOf(landing!, "signed")["latest"]!["status"]!.GetValue<string>());

        // Another county sees nothing of the landing.
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/projects/{id}/landing", Ct)).StatusCode);
    }

    [Fact]
    public async Task Attachments_are_type_checked_size_limited_and_served_to_the_parties_only()
    {
        var id = await AwardedProject(app, Winner, "落地附件测试项目");
        var county = app.County(Winner);

        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        var uploaded = await Upload(county, id, png, "现场照片.png", "image/png");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var attachment = await uploaded.ReadJson();
        Assert.Equal("image/png", attachment["contentType"]!.GetValue<string>());

        // A text file named .pdf and claiming to be one: refused by its content.
        var fake = await Problems.AssertProblem(await Upload(county, id, "not a pdf"u8.ToArray(), "合同.pdf"), HttpStatusCode.UnsupportedMediaType);
        Assert.True(fake["errors"]!.AsObject().ContainsKey("file"));
        var big = new byte[10 * 1024 * 1024 + 1];
        "%PDF-"u8.CopyTo(big);
        var tooBig = await Problems.AssertProblem(await Upload(county, id, big, "大文件.pdf"), HttpStatusCode.RequestEntityTooLarge);
        Assert.True(tooBig["errors"]!.AsObject().ContainsKey("file"));
        Assert.Equal(HttpStatusCode.Forbidden, (await Upload(app.County(Other), id, LandingTestKit.Pdf, "a.pdf")).StatusCode);

        var url = $"/api/attachments/{attachment["id"]!.GetValue<Guid>()}";
        foreach (var reader in new[] { county, app.Officer(), app.Coordinator() })
        {
            var download = await reader.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("现场照片.png", download.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal(png, await download.Content.ReadAsByteArrayAsync(Ct));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await app.County(Other).GetAsync(url, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_stages_export_to_a_spreadsheet_a_library_reads_back()
    {
        var id = await AwardedProject(app, Winner, "落地导出测试项目");
        var county = app.County(Winner);
        await ReportAndConfirm(app, county, id, Stage("signed", await Uploaded(county, id), ("contractNumber", "导出-001"), ("amount", 3000)));

        var response = await app.Coordinator().GetAsync($"/api/projects/{id}/landing/stages?format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToArray();
        Assert.Equal(5, rows.Length);
        Assert.Equal("签约", rows[0]["阶段"]);
        Assert.Equal("已确认", rows[0]["状态"]);
        Assert.Equal("导出-001", rows[0]["合同编号"]);
        Assert.Equal("未报告", rows[1]["状态"]);
    }
}
