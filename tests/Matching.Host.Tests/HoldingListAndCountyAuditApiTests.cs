using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>
/// The coordinators' workbench pages read through the real host: the holding list (parks without a known county) as a
/// host-paged table, and a county's evidence and figures audit trail paged newest first; bad paging is a 400 naming the
/// parameter, and a stale figures write is refused (412) with nothing stored.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class HoldingListAndCountyAuditApiTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Fushan = "370611"; // 福山区: no other host test uses it

    private static async Task<(JsonArray Rows, long Total)> Page(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        var total = long.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        return ((await response.Content.ReadFromJsonAsync<JsonArray>(Ct))!, total);
    }

    [Fact]
    public async Task The_holding_list_pages_the_parks_without_a_county_for_coordinators_and_refuses_bad_paging()
    {
        var unplaced = (await app.Officer().GetFromJsonAsync<JsonArray>("/api/parks?unplaced=true", Ct))!
            .Select(p => p!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(unplaced);

        var (all, total) = await Page(await app.Coordinator().GetAsync("/api/parks/holding?sort=name&take=500", Ct));
        Assert.Equal(unplaced.Length, total);
        Assert.Equal(unplaced, all.Select(r => r!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        // Pages follow one order and together give every row once.
        var (first, firstTotal) = await Page(await app.Coordinator().GetAsync("/api/parks/holding?sort=name&take=5", Ct));
        var (second, _) = await Page(await app.Coordinator().GetAsync("/api/parks/holding?sort=name&skip=5&take=5", Ct));
        Assert.Equal(total, firstTotal);
        Assert.Equal(5, first.Count);
        Assert.Equal(all.Take(10).Select(r => r!["id"]!.GetValue<string>()), first.Concat(second).Select(r => r!["id"]!.GetValue<string>()));
        var (descending, _) = await Page(await app.Coordinator().GetAsync("/api/parks/holding?sort=name&order=desc&take=500", Ct));
        Assert.Equal(all.Select(r => r!["id"]!.GetValue<string>()).Reverse(), descending.Select(r => r!["id"]!.GetValue<string>()));

        // Each row is the park its page shows: no county, its prefecture and land.
        var row = (JsonObject)all[0]!;
        var park = await app.Coordinator().GetFromJsonAsync<JsonObject>($"/api/parks/{row["id"]}", Ct);
        Assert.Null(park!["county"]);
        Assert.Equal(park["name"]!.GetValue<string>(), row["name"]!.GetValue<string>());
        Assert.Equal(park["prefectureName"]!.GetValue<string>(), row["prefecture"]!.GetValue<string>());
        Assert.Equal(park["availableLandMu"]!["value"]!.GetValue<decimal>(), row["availableLandMu"]!.GetValue<decimal>());

        // The text filter narrows by prefecture.
        var prefecture = row["prefecture"]!.GetValue<string>();
        var (filtered, filteredTotal) = await Page(await app.Coordinator().GetAsync($"/api/parks/holding?q={Uri.EscapeDataString(prefecture)}", Ct));
        Assert.Equal(all.Count(r => r!["prefecture"]!.GetValue<string>() == prefecture || r["name"]!.GetValue<string>().Contains(prefecture)), filteredTotal);
        Assert.Contains(filtered, r => r!["id"]!.GetValue<string>() == row["id"]!.GetValue<string>());

        foreach (var (query, field) in new[] { ("take=0", "take"), ("take=501", "take"), ("skip=-1", "skip"), ("sort=county", "sort"), ("order=sideways", "order") })
            await Problems.AssertValidationProblem(await app.Coordinator().GetAsync($"/api/parks/holding?{query}", Ct), field);
        await Problems.AssertProblem(await app.County(Fushan).GetAsync("/api/parks/holding", Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblem(await app.Officer().GetAsync("/api/parks/holding", Ct), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_countys_audit_trail_pages_newest_first_by_sequence_and_a_stale_figures_write_stores_nothing()
    {
        var path = $"/api/counties/{Fushan}/evidence/audit";
        var version = (await app.Coordinator().GetFromJsonAsync<JsonObject>($"/api/counties/{Fushan}", Ct))!["version"]!.GetValue<long>();
        foreach (var (body, n) in new object[] { new { landQuotaMu = 1111 }, new { energyQuotaTce = 22222 }, new { landPriceFloor = 12 } }.Select((b, i) => (b, i)))
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/counties/{Fushan}/figures") { Content = JsonContent.Create(body) };
            put.Headers.TryAddWithoutValidation("If-Match", $"\"{version + n}\"");
            var set = await app.Coordinator().SendAsync(put, Ct);
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync(Ct));
            Assert.Equal($"\"{version + n + 1}\"", set.Headers.ETag?.Tag);
        }

        var newest = (await app.Officer().GetFromJsonAsync<JsonObject>($"{path}?take=2", Ct))!;
        var total = newest["total"]!.GetValue<long>();
        Assert.True(total >= 3, $"total {total}");
        var entries = newest["entries"]!.AsArray();
        Assert.Equal(["figure.landPriceFloor", "figure.energyQuotaTce"], entries.Select(e => e!["itemId"]!.GetValue<string>()));
        Assert.All(entries, e => Assert.Equal("set", e!["action"]!.GetValue<string>()));
        var sequences = entries.Select(e => e!["sequence"]!.GetValue<long>()).ToArray();
        Assert.True(sequences[0] > sequences[1]);

        var older = (await app.Officer().GetFromJsonAsync<JsonObject>($"{path}?take=2&before={sequences[1]}", Ct))!["entries"]!.AsArray();
        Assert.Equal("figure.landQuotaMu", older[0]!["itemId"]!.GetValue<string>());
        Assert.All(older, e => Assert.True(e!["sequence"]!.GetValue<long>() < sequences[1]));

        foreach (var (query, field) in new[] { ("take=0", "take"), ("take=501", "take"), ("before=0", "before"), ("before=-3", "before") })
            await Problems.AssertValidationProblem(await app.Officer().GetAsync($"{path}?{query}", Ct), field);
        await Problems.AssertProblem(await app.Officer().GetAsync("/api/counties/379999/evidence/audit", Ct), HttpStatusCode.NotFound);

        // A write on the version before the last one is refused and changes nothing, nor writes an audit line.
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/counties/{Fushan}/figures") { Content = JsonContent.Create(new { landQuotaMu = 5 }) };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        await Problems.AssertProblem(await app.Coordinator().SendAsync(stale, Ct), HttpStatusCode.PreconditionFailed);
        var county = await app.Coordinator().GetFromJsonAsync<JsonObject>($"/api/counties/{Fushan}", Ct);
        Assert.Equal(1111, county!["quotas"]!["landMu"]!["value"]!.GetValue<decimal>());
        Assert.Equal(total, (await app.Officer().GetFromJsonAsync<JsonObject>($"{path}?take=1", Ct))!["total"]!.GetValue<long>());
    }
}
