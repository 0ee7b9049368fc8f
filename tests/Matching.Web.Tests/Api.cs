using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Web.Tests;

/// <summary>What the tests do through the API rather than the browser: the other people in a scenario.</summary>
internal static class Api
{
    /// <summary>A project in GB/T 3612 (新能源车整车制造), first contact 兰山区, that fits many counties of 临沂 and beyond.</summary>
    public static JsonObject Project(string title) => new()
    {
        ["title"] = title,
        ["description"] = "年产 10 万套新能源汽车电驱系统。",
        ["industryCode"] = "3612",
        ["industryText"] = "新能源汽车",
        ["investment"] = 300_000,
        ["landMu"] = 300,
        ["energyTce"] = 8000,
        ["jobs"] = 1200,
        ["expectedTax"] = 15_000,
        ["highEnergy"] = false,
        ["investor"] = new JsonObject { ["name"] = "某新能源科技股份有限公司", ["kind"] = "private" },
        ["firstContactCounty"] = "371302",
    };

    public static async Task<JsonObject> ReadJson(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Posts and publishes a project as the officer; returns its id.</summary>
    public static async Task<string> PublishAsync(HttpClient officer, string title)
    {
        var created = await (await officer.PostAsJsonAsync("api/projects", Project(title))).ReadJson();
        var id = created["id"]!.GetValue<string>();
        using var publish = new HttpRequestMessage(HttpMethod.Post, $"api/projects/{id}/publish");
        publish.Headers.TryAddWithoutValidation("If-Match", $"\"{created["version"]}\"");
        await (await officer.SendAsync(publish)).ReadJson();
        return id;
    }

    /// <summary>A county's bid: land at its first park at 30 万元/亩, six months, a plain service commitment.</summary>
    public static async Task BidAsync(HttpClient county, string projectId, string adcode)
    {
        var profile = await (await county.GetAsync($"api/counties/{adcode}")).ReadJson();
        var park = profile["parks"]!.AsArray().First()!["id"]!.GetValue<string>();
        var bid = new JsonObject
        {
            ["county"] = adcode, ["parkId"] = park, ["landMu"] = 200, ["energyTce"] = 8000, ["deliveryMonths"] = 8,
            ["landPrice"] = 30, ["commitments"] = "专班服务，审批代办", ["note"] = "", ["localChainPartners"] = new JsonArray(),
        };
        await (await county.PostAsJsonAsync($"api/projects/{projectId}/bids", bid)).ReadJson();
    }
}
