using Matching.Domain.Cockpit;
using Matching.Domain.Decisions;
using Matching.Domain.Landing;
using Matching.Domain.Projects;
using Matching.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>The coordinator's overdue list pages through the keyset route, 50 at a time, each project once.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class OverdueListTests(WorkbenchApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Decided in 2019, before anything the other tests of the shared host decide, so these come first in decision order
    // and no period the other tests look at (this year) holds them.
    private static ProjectDocument Overdue(int i)
    {
        var decided = new DateTimeOffset(2019, 3, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i);
        return new ProjectDocument(Guid.NewGuid(), $"超期分页项目 {i:000}", "", "3612", "行业3612", null, ProjectStatus.Awarded, null, [], 10_000, 50, 100, false, decided) with
        {
            HostCounties = ["371003"],
            Settlement = new Settlement(DecisionKind.Award, decided, "371003", [], "P371003", 50, 100, 10_000, [], new LandingOverdue(LandingStage.Signed, decided.AddDays(90), decided.AddDays(91))),
        };
    }

    [Fact]
    public async Task The_overdue_list_loads_more_pages_until_every_overdue_project_is_shown_once()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var projects = Enumerable.Range(0, 120).Select(Overdue).ToList();
        await app.Services.GetRequiredService<ISearchEngine>().IndexProjectsAsync(projects, Ct);

        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var page = coordinator.Page;
        await coordinator.GoAsync("/overdue");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("超期项目");
        var rows = page.Locator("tr[data-overdue]");
        var more = page.GetByRole(AriaRole.Button, new() { Name = "加载更多" });
        // The index commits on an interval: reload until the first page is full.
        for (var attempt = 0; attempt < 20 && await rows.CountAsync() < 50; attempt++)
        {
            await page.WaitForTimeoutAsync(500);
            await page.ReloadAsync();
            await Expect(page.Locator("[data-overdue-count]")).ToBeVisibleAsync();
        }

        // One page of 50, in decision order: the 2019 projects first.
        await Expect(rows).ToHaveCountAsync(50);
        await Expect(rows.First).ToHaveAttributeAsync("data-overdue", projects[0].Id.ToString());
        await Expect(rows.Nth(49)).ToHaveAttributeAsync("data-overdue", projects[49].Id.ToString());
        await Expect(rows.First).ToContainTextAsync("签约");

        await more.ClickAsync();
        await Expect(rows).ToHaveCountAsync(100);
        await Expect(rows.Nth(99)).ToHaveAttributeAsync("data-overdue", projects[99].Id.ToString());

        // Then until the list ends: every project once, and no button after the last page.
        for (var clicks = 0; clicks < 40 && await more.CountAsync() > 0; clicks++)
        {
            var before = await rows.CountAsync();
            await more.ClickAsync();
            // The next page is in, or the list ended (the last page may be empty).
            await page.WaitForFunctionAsync($"() => document.querySelectorAll('tr[data-overdue]').length !== {before} || ![...document.querySelectorAll('button')].some(b => b.textContent === '加载更多')");
        }

        await Expect(more).ToHaveCountAsync(0);
        var shown = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-overdue'))");
        Assert.Equal(shown.Length, shown.Distinct().Count());
        Assert.Equal(projects.Select(p => p.Id.ToString()), shown.Take(120));
    }
}
