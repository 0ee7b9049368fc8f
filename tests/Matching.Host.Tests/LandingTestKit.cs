using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>Steps the landing tests share: an awarded project, an uploaded file, a stage report.</summary>
internal static class LandingTestKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A minimal PDF (what the magic-byte check looks at is its first bytes).</summary>
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    /// <summary>A project posted, published and awarded to <paramref name="county"/> (assigned: no bid needed).</summary>
    public static async Task<Guid> AwardedProject(MatchingApplication app, string county, string title)
    {
        var officer = app.Officer();
        var (id, _) = await officer.CreateProject(ProjectBodies.Valid(title).With("landMu", 5).With("energyTce", 50)
            .With("investor", new JsonObject { ["name"] = $"{title}投资方{Guid.NewGuid():N}", ["kind"] = "private" }));
        (await officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        var park = (await officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();
        var version = (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();
        var decided = await app.Coordinator().PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "award", ["county"] = county, ["parkId"] = park, ["reason"] = "产业配套最完善", ["expectedVersion"] = version,
            ["assignsNonBidder"] = true,
        }, Ct);
        Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync(Ct));
        return id;
    }

    public static Task<HttpResponseMessage> Upload(HttpClient client, Guid project, byte[] content, string name, string type = "application/pdf")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "file", name);
        return client.PostAsync($"/api/projects/{project}/attachments", form, Ct);
    }

    public static async Task<Guid> Uploaded(HttpClient client, Guid project)
    {
        var response = await Upload(client, project, Pdf, "证明.pdf");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.ReadJson())["id"]!.GetValue<Guid>();
    }

    public static Task<HttpResponseMessage> Report(HttpClient client, Guid project, JsonObject body) =>
        client.PostAsJsonAsync($"/api/projects/{project}/landing/reports", body, Ct);

    public static JsonObject Stage(string stage, Guid attachment, params (string Key, JsonNode? Value)[] figures)
    {
        var body = new JsonObject { ["stage"] = stage, ["date"] = DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd"), ["attachmentIds"] = new JsonArray(attachment.ToString()) };
        foreach (var (key, value) in figures) body[key] = value;
        return body;
    }

    /// <summary>Reports a stage and has the coordinator confirm it; returns the landing after.</summary>
    public static async Task<JsonObject> ReportAndConfirm(MatchingApplication app, HttpClient county, Guid project, JsonObject body)
    {
        var reported = await Report(county, project, body);
        Assert.True(reported.IsSuccessStatusCode, await reported.Content.ReadAsStringAsync(Ct));
        var number = (await reported.ReadJson())["pending"]!.AsArray().Single()!.GetValue<int>();
        var confirmed = await app.Coordinator().PostAsJsonAsync($"/api/projects/{project}/landing/reports/{number}/confirm", new JsonObject(), Ct);
        Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync(Ct));
        return await confirmed.ReadJson();
    }

    public static JsonObject StageOf(JsonObject landing, string stage) =>
        landing["stages"]!.AsArray().Single(s => s!["stage"]!.GetValue<string>() == stage)!.AsObject();
}
