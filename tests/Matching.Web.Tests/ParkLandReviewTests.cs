using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>
/// A coordinator reviews a county's pending park land from the evidence queue, and from the park's own page (reached from
/// the queue), where the land's audit trail shows and a coordinator sets the land directly.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class ParkLandReviewTests(WorkbenchApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The county's first park, after the county declared <paramref name="more"/> 亩 over its land in force.</summary>
    private async Task<(string Id, string Name, decimal Land)> Declared(string county, decimal more)
    {
        var api = await app.ApiAsAsync($"county-{county}");
        var park = (await api.GetFromJsonAsync<JsonArray>($"api/parks?county={county}", Ct))![0]!;
        var (id, land) = (park["id"]!.GetValue<string>(), park["availableLandMu"]!["inForce"]!.GetValue<decimal>());
        (await api.PutAsJsonAsync($"api/parks/{id}/land", new { availableLandMu = land + more }, Ct)).EnsureSuccessStatusCode();
        return (id, park["name"]!.GetValue<string>(), land);
    }

    private async Task<JsonNode> Land(string id) =>
        (await (await app.ApiAsAsync("coordinator")).GetFromJsonAsync<JsonObject>($"api/parks/{id}", Ct))!["availableLandMu"]!;

    [Fact]
    public async Task A_coordinator_verifies_park_land_from_the_queue_and_rejects_and_sets_it_on_the_parks_own_page()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        const string Taierzhuang = "370405"; // 台儿庄区: no other browser test uses it
        const string Hekou = "370503"; // 河口区: no other browser test uses it
        var first = await Declared(Taierzhuang, 400);
        var second = await Declared(Hekou, 700);

        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var k = coordinator.Page;

        // From the queue: the park item, verified with a note.
        await coordinator.GoAsync("/evidence");
        var queued = k.Locator($".queue li[data-county='{Taierzhuang}'][data-item='park.{first.Id}']");
        await Expect(queued).ToContainTextAsync(first.Name);
        await queued.GetByLabel("核实说明").FillAsync("已核对园区土地台账");
        await queued.GetByRole(AriaRole.Button, new() { Name = "核实", Exact = true }).ClickAsync();
        await Expect(k.Locator(".toast", new() { HasText = "已核实" })).ToHaveCountAsync(1);
        await Expect(queued).ToHaveCountAsync(0);
        var verified = await Land(first.Id);
        Assert.False(verified["selfDeclared"]!.GetValue<bool>());
        Assert.Equal(first.Land + 400, verified["inForce"]!.GetValue<decimal>());

        // From the park's own page, reached from the queue: a rejection needs a note, then the value in force before returns.
        var other = k.Locator($".queue li[data-county='{Hekou}'][data-item='park.{second.Id}']");
        await other.GetByRole(AriaRole.Link, new() { Name = "查看园区" }).ClickAsync();
        await Expect(k.Locator("main h1")).ToHaveTextAsync(second.Name);
        var land = k.Locator(".park-land");
        await Expect(land.Locator(".tag", new() { HasText = "待核实" })).ToBeVisibleAsync();
        await Expect(k.Locator(".audit li[data-action=declared]")).ToHaveCountAsync(1);
        await land.GetByRole(AriaRole.Button, new() { Name = "不予采信" }).ClickAsync();
        await Expect(land.Locator(".field-error")).ToBeVisibleAsync();
        Assert.True((await Land(second.Id))["selfDeclared"]!.GetValue<bool>());
        await land.GetByLabel("核实说明").FillAsync("与自然资源局台账不符");
        await land.GetByRole(AriaRole.Button, new() { Name = "不予采信" }).ClickAsync();
        await Expect(k.Locator(".toast", new() { HasText = "不予采信" })).ToHaveCountAsync(1);
        await Expect(land.Locator(".tag", new() { HasText = "待核实" })).ToHaveCountAsync(0);
        await Expect(k.Locator(".audit li[data-action=rejected]")).ToContainTextAsync("与自然资源局台账不符");
        var rejected = await Land(second.Id);
        Assert.False(rejected["selfDeclared"]!.GetValue<bool>());
        Assert.Equal(second.Land, rejected["inForce"]!.GetValue<decimal>());

        // A coordinator's own value is in force at once, and audited.
        await k.FillAsync($"#park-land-{second.Id}", $"{second.Land + 50}");
        await land.GetByRole(AriaRole.Button, new() { Name = "设定可用土地" }).ClickAsync();
        await Expect(k.Locator(".toast", new() { HasText = "即时生效" })).ToHaveCountAsync(1);
        await Expect(k.Locator(".audit li[data-action=set]")).ToContainTextAsync("协调员设定");
        Assert.Equal(second.Land + 50, (await Land(second.Id))["inForce"]!.GetValue<decimal>());
        await coordinator.ScreenshotAsync("park-land-review", withoutNotices: true);
        Assert.Empty(coordinator.Errors);
    }
}
