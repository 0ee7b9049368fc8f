using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Domain.Projects;

namespace Matching.Host.Tests;

/// <summary>Request bodies and response reading shared by the API tests.</summary>
internal static class ProjectBodies
{
    public static readonly string CreditCode = Domain.Projects.CreditCode.WithCheck("91370100MA3C12345");

    /// <summary>A valid project: a new-energy vehicle plant (GB/T 3612) first talked about in 历城区.</summary>
    public static JsonObject Valid(string title = "新能源乘用车整车项目") => new()
    {
        ["title"] = title,
        ["description"] = "年产 20 万辆新能源乘用车整车制造，含电池包总装。",
        ["industryCode"] = "3612",
        ["industryText"] = "新能源汽车",
        ["chainPosition"] = "midstream",
        ["investment"] = 1_500_000,
        ["landMu"] = 1200,
        ["energyTce"] = 45000,
        ["jobs"] = 3000,
        ["expectedTax"] = 60000,
        ["highEnergy"] = false,
        ["investor"] = new JsonObject { ["name"] = "某新能源汽车股份有限公司", ["creditCode"] = CreditCode, ["kind"] = "private" },
        ["firstContactCounty"] = "370112",
    };

    public static JsonObject With(this JsonObject body, string path, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        var parts = path.Split('.');
        var target = copy;
        foreach (var part in parts[..^1]) target = target[part]!.AsObject();
        target[parts[^1]] = value;
        return copy;
    }

    public static JsonObject Without(this JsonObject body, string field)
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove(field);
        return copy;
    }

    public static async Task<JsonObject> ReadJson(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    public static async Task<(Guid Id, JsonObject Body)> CreateProject(this HttpClient client, JsonObject? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/projects", body ?? Valid());
        response.EnsureSuccessStatusCode();
        var json = await response.ReadJson();
        return (json["id"]!.GetValue<Guid>(), json);
    }

    public static ProjectStatus Status(this JsonObject project) =>
        JsonSerializer.Deserialize<ProjectStatus>(project["status"]!.ToJsonString(), Domain.MatchingJson.Options);
}
