using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>落地进度 at the workbench: the county reports 签约 with a file, the coordinator confirms, the officer sees the stage.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class LandingWorkbenchTests(WorkbenchApplication app)
{
    private const string Lanshan = "371302";

    [Fact]
    public async Task The_county_reports_signing_with_a_file_the_coordinator_confirms_and_the_officer_sees_it()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var title = $"落地签约项目{Guid.NewGuid().ToString("N")[..6]}";
        var officerApi = await app.ApiAsAsync("officer");
        var id = await Api.PublishAsync(officerApi, title);
        var countyApi = await app.ApiAsAsync($"county-{Lanshan}");
        var park = (await (await countyApi.GetAsync($"api/counties/{Lanshan}", TestContext.Current.CancellationToken)).ReadJson())["parks"]!.AsArray().First()!["id"]!.GetValue<string>();
        var project = await (await officerApi.GetAsync($"api/projects/{id}", TestContext.Current.CancellationToken)).ReadJson();
        await (await (await app.ApiAsAsync("coordinator")).PostAsJsonAsync($"api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "award", ["county"] = Lanshan, ["parkId"] = park, ["reason"] = "首谈地，配套完善",
            ["expectedVersion"] = project["version"]!.GetValue<long>(), ["assignsNonBidder"] = true,
        }, TestContext.Current.CancellationToken)).ReadJson();

        await using (var county = await Desk.SignInAsync(app, $"county-{Lanshan}"))
        {
            var p = county.Page;
            await county.GoAsync($"/inbox/{id}");
            await Expect(p.Locator("[data-landing] h2")).ToContainTextAsync("落地进度");
            await p.FillAsync("#landing-date", DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd"));
            await p.FillAsync("#landing-contractNumber", "临投签〔2026〕7号");
            await p.FillAsync("#landing-amount", "28000");
            await p.SetInputFilesAsync("#landing-file", new FilePayload
            {
                Name = "投资协议.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray(),
            });
            await p.Locator("form.landing-report button[type=submit]").ClickAsync();
            await Expect(p.Locator("tr[data-stage='signed']")).ToHaveAttributeAsync("data-stage-status", "reported");
            await Expect(p.Locator("tr[data-stage='signed']")).ToContainTextAsync("投资协议.pdf");
            await county.ScreenshotAsync("county-landing-reported", withoutNotices: true);
            Assert.Empty(county.Errors);
        }

        await using (var coordinator = await Desk.SignInAsync(app, "coordinator"))
        {
            var p = coordinator.Page;
            await coordinator.GoAsync($"/projects/{id}");
            await p.Locator("[data-review='signed'] button.primary").ClickAsync();
            await Expect(p.Locator("tr[data-stage='signed']")).ToHaveAttributeAsync("data-stage-status", "confirmed");
            Assert.Empty(coordinator.Errors);
        }

        await using var officer = await Desk.SignInAsync(app, "officer");
        await officer.GoAsync($"/projects/{id}");
        var row = officer.Page.Locator("tr[data-stage='signed']");
        await Expect(row).ToHaveAttributeAsync("data-stage-status", "confirmed");
        await Expect(row).ToContainTextAsync("临投签〔2026〕7号");
        await Expect(officer.Page.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "landed");
        await officer.ScreenshotAsync("officer-landing-confirmed", withoutNotices: true);
        Assert.Empty(officer.Errors);
    }
}
