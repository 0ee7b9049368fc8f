using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>A county declares a park's available land on its profile page; it shows as awaiting verification.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class ParkLandProfileTests(WorkbenchApplication app)
{
    [Fact]
    public async Task A_county_declares_a_parks_land_and_the_profile_shows_it_awaiting_verification()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        const string Caoxian = "371721"; // 曹县: no other browser test uses it
        var api = await app.ApiAsAsync($"county-{Caoxian}");
        var park = (await api.GetFromJsonAsync<JsonArray>($"api/parks?county={Caoxian}", TestContext.Current.CancellationToken))![0]!;
        var id = park["id"]!.GetValue<string>();
        var name = park["name"]!.GetValue<string>();
        var land = park["availableLandMu"]!["inForce"]!.GetValue<decimal>();

        await using var county = await Desk.SignInAsync(app, $"county-{Caoxian}");
        var c = county.Page;
        await county.GoAsync("/profile");
        await Expect(c.Locator("main h1")).ToContainTextAsync("曹县");

        // A bad value is refused next to the field, nothing stored.
        await c.FillAsync($"#park-land-{id}", "-5");
        var row = c.Locator(".parks li", new() { HasText = name });
        await row.GetByRole(AriaRole.Button, new() { Name = "申报可用土地" }).ClickAsync();
        await Expect(row.Locator(".field-error")).ToContainTextAsync("0 到");

        await c.FillAsync($"#park-land-{id}", $"{land + 300}");
        await row.GetByRole(AriaRole.Button, new() { Name = "申报可用土地" }).ClickAsync();
        await Expect(c.Locator(".toast")).ToContainTextAsync("待省级核实");
        await Expect(row).ToContainTextAsync($"县自报 {land + 300:#,0.##} 亩，待核实（匹配和预留按 {land:#,0.##} 亩计）");
        await Expect(row.Locator(".tag", new() { HasText = "待核实" })).ToBeVisibleAsync();

        var saved = (await api.GetFromJsonAsync<JsonObject>($"api/parks/{id}", TestContext.Current.CancellationToken))!["availableLandMu"]!;
        Assert.True(saved["selfDeclared"]!.GetValue<bool>());
        Assert.Equal(land, saved["inForce"]!.GetValue<decimal>());
        Assert.Empty(county.Errors);
    }
}
