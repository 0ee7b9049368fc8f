using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>
/// 化工园区待认定 in the browser: the 30 likely chemical parks listed together with their evidence; a coordinator recognising one
/// from the page (the flag stored, who and when shown), and another coordinator's flag arriving live on an open page.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class ChemicalParkCandidatesTests(WorkbenchApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_coordinator_flags_the_likely_chemical_parks_from_one_page_and_another_coordinators_flag_arrives_live()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var api = await app.ApiAsAsync("coordinator");
        var rows = (await api.GetFromJsonAsync<JsonArray>("api/parks/chemical-candidates", Ct))!;
        Assert.Equal(30, rows.Count);
        Assert.Equal(30, rows.Select(r => r!["county"]!.GetValue<string>()).Distinct().Count());
        var pending = rows.Where(r => r!["recognised"] is null).Select(r => r!["parkId"]!.GetValue<string>()).ToArray();
        Assert.True(pending.Length >= 2, "two likely parks still pending");
        var (first, second) = (pending[^1], pending[^2]);

        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        await using var colleague = await Desk.SignInAsync(app, "coordinator");
        var k = coordinator.Page;
        await coordinator.GoAsync("/chemical-parks");
        await Expect(k.Locator("main h1")).ToHaveTextAsync("化工园区待认定");
        await Expect(k.Locator("table.chemical-candidates tbody tr")).ToHaveCountAsync(30);
        var row = k.Locator($"tbody tr[data-park='{first}']");
        await Expect(row.Locator("td.evidence")).ToContainTextAsync("疑似化工园区（待认定）");
        await Expect(row.Locator("td.evidence")).ToContainTextAsync("来源：");
        await Expect(row.Locator("td.standing")).ToHaveTextAsync("待认定");

        await colleague.GoAsync("/chemical-parks");
        await Expect(colleague.Page.Locator("table.chemical-candidates tbody tr")).ToHaveCountAsync(30);

        // Recognised from the page: stored, shown with who and when; the colleague's open page follows live.
        await row.GetByRole(AriaRole.Button, new() { Name = "认定", Exact = false }).First.ClickAsync();
        await Expect(k.Locator(".toast", new() { HasText = "已认定为化工园区" })).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-recognised", "true");
        await Expect(row.Locator("td.standing")).ToContainTextAsync("已认定化工园区");
        await Expect(row.Locator("td.standing small")).ToContainTextAsync("20");
        var park = (await api.GetFromJsonAsync<JsonObject>($"api/parks/{Uri.EscapeDataString(first)}", Ct))!;
        Assert.True(park["chemicalPark"]!["value"]!.GetValue<bool>());
        await Expect(colleague.Page.Locator($"tbody tr[data-park='{first}']")).ToHaveAttributeAsync("data-recognised", "true");

        // Another coordinator (through the API) refuses the second one: both open pages show it without a reload.
        var put = await api.PutAsJsonAsync($"api/parks/{Uri.EscapeDataString(second)}/chemical-park", new { recognised = false }, Ct);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        await Expect(k.Locator($"tbody tr[data-park='{second}']")).ToHaveAttributeAsync("data-recognised", "false");
        await Expect(colleague.Page.Locator($"tbody tr[data-park='{second}'] td.standing")).ToContainTextAsync("非认定化工园区");
        await Expect(k.Locator("[data-pending]")).ToContainTextAsync($"{pending.Length - 2} 个待认定");
        await coordinator.ScreenshotAsync("coordinator-chemical-park-candidates", withoutNotices: true);
        Assert.Empty(coordinator.Errors);
        Assert.Empty(colleague.Errors);
    }
}
