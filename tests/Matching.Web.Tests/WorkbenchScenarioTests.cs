using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>
/// The workbench end to end, each role in a browser context of its own: an officer posts and publishes,
/// the map colours the fitting counties, a county sees the project arrive live and bids, a coordinator
/// sees the contest and awards it, and the county sees the outcome live.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class WorkbenchScenarioTests(WorkbenchApplication app)
{
    private const string Linshu = "371329";   // 临沭县: a 新能源汽车 fit for the projects below
    private const string Changle = "370725";  // 昌乐县: the second bidder

    [Fact]
    public async Task An_officer_publishes_a_county_bids_live_a_coordinator_awards_and_the_county_sees_the_outcome()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var title = $"新能源乘用车电驱系统项目 {Guid.NewGuid().ToString("N")[..6]}";

        await using var officer = await Desk.SignInAsync(app, "officer");
        await using var county = await Desk.SignInAsync(app, $"county-{Linshu}");
        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        await Expect(county.Page.Locator("h1")).ToContainTextAsync("项目收件箱");
        await Expect(coordinator.Page.Locator("h1")).ToContainTextAsync("竞争看板");

        // The officer posts the project through the form: industry found by a Chinese phrase, units shown.
        var o = officer.Page;
        await officer.GoAsync("/projects/new");
        await o.FillAsync("#p-title", title);
        await o.FillAsync("#p-industry", "新能源汽车");
        await o.Locator(".picker-list li", new() { HasText = "3612" }).First.WaitForAsync();
        await o.Locator("#p-industry").PressAsync("Enter");
        await Expect(o.Locator(".picker-current")).ToContainTextAsync("3612");
        await Expect(o.Locator("label[for=p-investment] + .control .suffix")).ToHaveTextAsync("万元");
        await o.FillAsync("#p-investment", "300000");
        await o.FillAsync("#p-landMu", "300");
        await o.FillAsync("#p-energyTce", "8000");
        await o.FillAsync("#p-jobs", "1200");
        await o.FillAsync("#p-expectedTax", "15000");
        await o.FillAsync("#p-investor-name", "某新能源科技股份有限公司");
        await o.SelectOptionAsync("#p-firstContact", "371302");
        await o.GetByRole(AriaRole.Button, new() { Name = "保存并发布" }).ClickAsync();

        // Published: the matches, and the map coloured by fit with the excluded counties hatched.
        await Expect(o.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "open");
        await Expect(o.Locator($".map path[data-adcode='{Linshu}'][data-fit='1']")).ToHaveCountAsync(1);
        Assert.True(await o.Locator(".map path[data-fit='1']").CountAsync() >= 30, "the fitting counties are coloured");
        Assert.Equal(136, await o.Locator(".map path.county").CountAsync());
        await Expect(o.Locator(".match-table tbody tr .scorebar").First).ToBeVisibleAsync();
        await o.Locator($".map path[data-adcode='{Linshu}']").HoverAsync();
        await Expect(o.Locator(".map-tip")).ToContainTextAsync("临沭县");
        await Expect(o.Locator(".map-tip")).ToContainTextAsync("契合度");
        await o.Locator($".map path[data-adcode='{Linshu}']").ClickAsync();
        await Expect(o.Locator(".county-detail .factors li").First).ToBeVisibleAsync();
        var projectId = o.Url.Split("#/projects/")[1];

        // The county sees it arrive without reloading, marked as new, and bids with a clean offer.
        var c = county.Page;
        var item = c.Locator($".inbox-item[data-project='{projectId}']");
        await Expect(item).ToHaveAttributeAsync("data-new", "1");
        await Expect(item.Locator(".new-badge")).ToBeVisibleAsync();
        await county.ScreenshotAsync("county-inbox");
        await item.Locator("a").ClickAsync();
        await Expect(c.Locator(".why .factors li").First).ToBeVisibleAsync();
        await Expect(c.Locator("#b-park")).Not.ToHaveValueAsync("");
        await c.FillAsync("#b-landPrice", "30");
        await c.FillAsync("#b-commitments", "专班服务，审批代办，用工招聘对接");
        await c.GetByRole(AriaRole.Button, new() { Name = "提交意向" }).ClickAsync();
        await Expect(c.Locator(".my-bid")).ToBeVisibleAsync();

        // The officer sees the bid arrive live, marked on the map.
        await Expect(o.Locator($".bids li[data-county='{Linshu}'] .new-badge")).ToBeVisibleAsync();
        await Expect(o.Locator($".map .marker")).ToHaveCountAsync(1);
        await officer.ScreenshotAsync("officer-project-matches");

        // A second county bids through the API: the project is contested and reaches the board live.
        await Api.BidAsync(await app.ApiAsAsync($"county-{Changle}"), projectId, Changle);
        var p = coordinator.Page;
        var contest = p.Locator($".contest[data-project='{projectId}']");
        await Expect(contest).ToBeVisibleAsync();
        await Expect(contest.Locator(".bid-col")).ToHaveCountAsync(2);
        await Expect(contest.Locator($".bid-col[data-county='{Linshu}'] .scorebar")).ToBeVisibleAsync();
        await Expect(contest.Locator(".new-badge")).ToBeVisibleAsync();
        await contest.EvaluateAsync("e => window.scrollTo(0, Math.max(0, e.getBoundingClientRect().top + window.scrollY - 110))");
        await coordinator.ScreenshotAsync("coordinator-contest-board", withoutNotices: true);

        // The coordinator awards it to 临沭县 at the park of its bid, with a reason.
        await contest.Locator("select[id$='-county']").SelectOptionAsync(Linshu);
        await Expect(contest.Locator("select[id$='-park']")).Not.ToHaveValueAsync("");
        await contest.Locator("textarea[id$='-reason']").FillAsync("契合度高，供地条件优，首谈地同市");
        await contest.GetByRole(AriaRole.Button, new() { Name = "确认：确定落地县" }).ClickAsync();
        await contest.Page.Locator("dialog[open]").GetByRole(AriaRole.Button, new() { Name = "确认决定" }).ClickAsync();
        await Expect(contest).ToHaveCountAsync(0);

        // The county sees the outcome live, on the project and in its bids.
        await Expect(c.Locator(".outcome.won")).ToBeVisibleAsync();
        await Expect(c.Locator(".outcome")).ToContainTextAsync("临沭县");
        await county.ScreenshotAsync("county-outcome");
        await county.GoAsync("/bids");
        await Expect(c.Locator($"tr[data-project='{projectId}'] .outcome-cell")).ToHaveAttributeAsync("data-outcome", "won");

        // The officer's project follows: awarded.
        await Expect(o.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "awarded");

        // The province view shows the award on the map.
        await coordinator.GoAsync("/province");
        await p.GetByRole(AriaRole.Button, new() { Name = "已落定项目（按落地县）" }).ClickAsync();
        await Expect(p.Locator($".map path[data-adcode='{Linshu}'][data-fit='1']")).ToHaveCountAsync(1);
        await Expect(p.Locator(".concentration tbody tr")).ToHaveCountAsync(16);
        await coordinator.ScreenshotAsync("coordinator-province", withoutNotices: true);

        Assert.Empty(officer.Errors);
        Assert.Empty(county.Errors);
        Assert.Empty(coordinator.Errors);
    }

    [Fact]
    public async Task A_bid_with_a_banned_phrase_shows_the_rules_message_next_to_the_field()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        const string Juxian = "371122"; // 莒县
        var projectId = await Api.PublishAsync(await app.ApiAsAsync("officer"), $"电驱系统项目 {Guid.NewGuid().ToString("N")[..6]}");

        await using var county = await Desk.SignInAsync(app, $"county-{Juxian}");
        var c = county.Page;
        await county.GoAsync($"/inbox/{projectId}");
        // The recommended park fills the form when the county's fit arrives; a bid sent before it would lack one.
        await Expect(c.Locator("#b-park")).Not.ToHaveValueAsync("");
        await c.FillAsync("#b-landPrice", "30");
        await c.FillAsync("#b-commitments", "落地后给予税收返还，前三年全额返还");
        await c.GetByRole(AriaRole.Button, new() { Name = "提交意向" }).ClickAsync();

        var message = c.Locator("[data-error-for='b-commitments']");
        await Expect(message).ToContainTextAsync("税收返还");
        await Expect(message).Not.ToContainTextAsync("FC-TAX-REBATE"); // the rule by its name, not its id
        await Expect(c.Locator("#b-commitments")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(c.Locator("#b-commitments")).ToHaveAttributeAsync("aria-describedby", "b-commitments-error");
        // Focus goes to the field to fix, for keyboard users.
        Assert.Equal("b-commitments", await c.EvaluateAsync<string>("() => document.activeElement.id"));
        await Expect(c.Locator(".problem")).ToContainTextAsync("公平竞争");
        await c.Locator("#b-commitments").ScrollIntoViewIfNeededAsync();
        await county.ScreenshotAsync("county-bid-firewall");

        // Rewritten, the same offer goes through.
        await c.FillAsync("#b-commitments", "专班服务，审批代办");
        await c.GetByRole(AriaRole.Button, new() { Name = "提交意向" }).ClickAsync();
        await Expect(c.Locator(".my-bid")).ToBeVisibleAsync();
        Assert.Empty(county.Errors);
    }
}
