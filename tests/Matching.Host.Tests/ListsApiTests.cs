using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MiniExcelLibs;

namespace Matching.Host.Tests;

/// <summary>The list endpoints' shared mechanics (sort, order, filters, paging, total, .xlsx) and unread state per user.</summary>
[Collection(HostCollection.Name)]
public sealed class ListsApiTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task My_projects_are_sorted_filtered_and_paged_by_the_host_with_the_total_in_a_header()
    {
        var officer = app.Officer();
        var tag = $"列表{Guid.NewGuid().ToString("N")[..6]}";
        foreach (var i in Enumerable.Range(1, 7))
            await officer.CreateProject(ProjectBodies.Valid($"{tag} 项目{i}").With("investment", 1000 * i));

        var response = await officer.GetAsync($"/api/projects/mine?q={tag}&sort=investment&order=desc&skip=2&take=3", Ct);
        response.EnsureSuccessStatusCode();
        Assert.Equal("7", response.Headers.GetValues("X-Total-Count").Single());
        var page = (await response.Content.ReadFromJsonAsync<JsonArray>(Ct))!;
        Assert.Equal([5000m, 4000m, 3000m], page.Select(p => p!["investment"]!.GetValue<decimal>()));
        Assert.All(page, p => Assert.Equal("草稿", p!["statusName"]!.GetValue<string>()));

        var none = await officer.GetAsync($"/api/projects/mine?q={tag}&status=open", Ct);
        Assert.Equal("0", none.Headers.GetValues("X-Total-Count").Single());
    }

    [Theory]
    [InlineData("sort=budget", "sort")]
    [InlineData("order=up", "order")]
    [InlineData("take=0", "take")]
    [InlineData("skip=-1", "skip")]
    [InlineData("status=finished", "status")]
    [InlineData("format=pdf", "format")]
    public async Task Bad_list_parameters_are_400_naming_the_field(string query, string field)
    {
        await Problems.AssertValidationProblem(await app.Officer().GetAsync($"/api/projects/mine?{query}", Ct), field);
        await Problems.AssertValidationProblem(await app.County("370102").GetAsync($"/api/counties/370102/inbox?{query}", Ct), field);
    }

    [Fact]
    public async Task An_export_is_an_xlsx_with_the_screens_columns_and_every_filtered_row()
    {
        var officer = app.Officer();
        var tag = $"导出{Guid.NewGuid().ToString("N")[..6]}";
        foreach (var i in Enumerable.Range(1, 3))
            await officer.CreateProject(ProjectBodies.Valid($"{tag} 项目{i}").With("investment", 100 * i).With("firstContactCounty", "370103"));

        var response = await officer.GetAsync($"/api/projects/mine?q={tag}&sort=investment&order=asc&take=1&format=xlsx", Ct);
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        // Paging is the screen's: the export has every filtered row.
        Assert.Equal([$"{tag} 项目1", $"{tag} 项目2", $"{tag} 项目3"], rows.Select(r => (string)r["项目名称"]));
        Assert.Equal([100m, 200m, 300m], rows.Select(r => Convert.ToDecimal(r["投资额（万元）"])));
        // 370103 is 济南市 市中区: named with its prefecture, as 枣庄市 has a 市中区 too.
        Assert.All(rows, r => Assert.Equal("济南市 市中区", r["首谈地"]));
    }

    [Fact]
    public async Task Unread_state_is_kept_per_user_and_a_project_is_read_once_opened()
    {
        var officer = app.Officer();
        var (id, _) = await officer.CreateProject(ProjectBodies.Valid($"未读项目 {Guid.NewGuid().ToString("N")[..6]}")
            .With("landMu", 300).With("energyTce", 8000).With("investment", 300_000));
        (await officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        // The best-fitting county has it in its inbox.
        var matches = await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/matches?top=1", Ct);
        var adcode = matches!["matches"]![0]!["county"]!.GetValue<string>();
        var county = app.County(adcode);
        await Polling.Eventually(
            () => county.GetFromJsonAsync<JsonArray>($"/api/counties/{adcode}/inbox", Ct)!,
            inbox => inbox!.Any(i => i!["project"]!["id"]!.GetValue<Guid>() == id));

        var before = await Polling.Eventually(
            () => county.GetFromJsonAsync<JsonObject>("/api/me/unread", Ct)!,
            u => u!["projects"]!.AsArray().Any(p => p!.GetValue<Guid>() == id));
        Assert.Equal(HttpStatusCode.NoContent, (await county.PostAsync($"/api/me/read/{id}", null, Ct)).StatusCode);
        var after = (await county.GetFromJsonAsync<JsonObject>("/api/me/unread", Ct))!;
        Assert.DoesNotContain(after["projects"]!.AsArray(), p => p!.GetValue<Guid>() == id);
        // One fewer unread, unless the count's window (the newest open projects of a long inbox, which the
        // shared host's other tests fill) let the next unread one in as this one went.
        Assert.InRange(after["count"]!.GetValue<int>(), before!["count"]!.GetValue<int>() - 1, before["count"]!.GetValue<int>());
        Assert.Equal(after["projects"]!.AsArray().Count, after["count"]!.GetValue<int>());

        // Another session of the same user (another browser) sees it read.
        var again = await app.County(adcode).GetFromJsonAsync<JsonObject>("/api/me/unread", Ct);
        Assert.DoesNotContain(again!["projects"]!.AsArray(), p => p!.GetValue<Guid>() == id);
        // A project the caller may not see is not confirmed to exist.
        await Problems.AssertProblem(await county.PostAsync($"/api/me/read/{Guid.NewGuid()}", null, Ct), HttpStatusCode.NotFound);
    }
}
