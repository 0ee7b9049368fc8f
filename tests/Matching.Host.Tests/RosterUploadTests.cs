using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MiniExcelLibs;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class RosterUploadTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Code(int n) => Domain.Projects.CreditCode.WithCheck($"91371300MA3C{n:D5}");

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string adcode, byte[] file, string name)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".xlsx", StringComparison.Ordinal) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(content, "file", name);
        return await client.PostAsync($"/api/counties/{adcode}/roster", form, Ct);
    }

    private async Task<JsonObject> CountyOf(string adcode) => (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{adcode}", Ct))!;

    private static JsonNode[] Roster(JsonObject county) =>
        county["evidence"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == "roster").Select(e => e!).ToArray();

    [Fact]
    public async Task A_csv_roster_becomes_self_declared_evidence_per_class_with_duplicates_merged()
    {
        const string adcode = "371323"; // 沂水县
        var csv = string.Join("\n",
            "企业名称,统一社会信用代码,行业,年产值（万元）,从业人数",
            $"沂水甲机械有限公司,{Code(1)},3670,5000,300",
            $"沂水乙机械有限公司,{Code(2)},C3670,1200,80",
            $"沂水乙机械有限公司,{Code(2)},3670,1200,80",
            $"沂水丙食品有限公司,{Code(3)},方便食品制造,\"3,500\",120",
            "");

        var response = await Upload(app.County(adcode), adcode, Encoding.UTF8.GetBytes(csv), "名录2026.csv");

        response.EnsureSuccessStatusCode();
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal(4, result["rows"]!.GetValue<int>());
        Assert.Equal(3, result["enterprises"]!.GetValue<int>());
        var roster = Roster(result["county"]!.AsObject());
        Assert.Equal(2, roster.Length);
        var parts = roster.Single(e => e["industries"]![0]!["code"]!.GetValue<string>() == "3670");
        Assert.Contains("2 家 3670", parts["statement"]!.GetValue<string>());
        Assert.Contains("规上 1 家", parts["statement"]!.GetValue<string>());
        Assert.Contains("名录2026.csv", parts["source"]!.GetValue<string>());
        Assert.Equal("selfDeclared", parts["status"]!.GetValue<string>());
        Assert.Contains(roster, e => e["industries"]![0]!["code"]!.GetValue<string>().StartsWith("14", StringComparison.Ordinal));
        var queue = await app.Coordinator().GetFromJsonAsync<JsonObject>("/api/evidence/queue?take=500", Ct);
        Assert.Contains(queue!["items"]!.AsArray(), q => q!["adcode"]!.GetValue<string>() == adcode && q["item"]!["kind"]!.GetValue<string>() == "roster");

        // A new roster replaces the earlier one whole, and the trail says so.
        var again = await Upload(app.County(adcode), adcode, Encoding.UTF8.GetBytes($"企业名称,统一社会信用代码,行业\n沂水丁电子有限公司,{Code(4)},3982\n"), "名录2026-2.csv");
        again.EnsureSuccessStatusCode();
        var replaced = Roster(await CountyOf(adcode));
        Assert.Equal("3982", Assert.Single(replaced)["industries"]![0]!["code"]!.GetValue<string>());
        var audit = await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{adcode}/evidence/audit?take=500", Ct);
        Assert.Equal(2, audit!["entries"]!.AsArray().Count(e => e!["action"]!.GetValue<string>() == "replaced"));
        var queueAfter = await app.Coordinator().GetFromJsonAsync<JsonObject>("/api/evidence/queue?take=500", Ct);
        Assert.Single(queueAfter!["items"]!.AsArray(), q => q!["adcode"]!.GetValue<string>() == adcode);
    }

    [Fact]
    public async Task A_roster_larger_than_a_json_body_is_taken_and_one_over_5_mb_is_413()
    {
        const string adcode = "371325"; // 费县
        var lines = new List<string> { "企业名称,统一社会信用代码,行业,年产值（万元）,从业人数" };
        for (var n = 0; n < 2000; n++) lines.Add($"费县第{n}号木业有限公司,{Code(30_000 + n)},2021,{n},{n % 300}");
        var file = Encoding.UTF8.GetBytes(string.Join("\n", lines));
        Assert.True(file.Length > 64 * 1024);

        var response = await Upload(app.County(adcode), adcode, file, "费县名录.csv");

        response.EnsureSuccessStatusCode();
        Assert.Equal(2000, (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["enterprises"]!.GetValue<int>());
        // Expect: 100-continue, so the client waits for the answer instead of writing 6 MB into a closed connection.
        using var huge = new HttpRequestMessage(HttpMethod.Post, $"/api/counties/{adcode}/roster") { Content = new ByteArrayContent(new byte[6 * 1024 * 1024]) };
        huge.Headers.ExpectContinue = true;
        var tooLarge = await app.County(adcode).SendAsync(huge, Ct);
        await Problems.AssertProblem(tooLarge, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_xlsx_roster_is_read_like_a_csv()
    {
        const string adcode = "370883"; // 邹城市
        var rows = new List<Dictionary<string, object>>
        {
            new() { ["企业名称"] = "邹城甲化纤有限公司", ["统一社会信用代码"] = Code(11), ["行业"] = "2822", ["年产值（万元）"] = 25000, ["从业人数"] = 410 },
            new() { ["企业名称"] = "邹城乙化纤有限公司", ["统一社会信用代码"] = Code(12), ["行业"] = "2822", ["年产值（万元）"] = 800, ["从业人数"] = 35 },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(rows);

        var response = await Upload(app.County(adcode), adcode, stream.ToArray(), "roster.xlsx");

        response.EnsureSuccessStatusCode();
        var item = Assert.Single(Roster((await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["county"]!.AsObject()));
        Assert.Contains("2 家 2822", item["statement"]!.GetValue<string>());
        Assert.Contains("规上 1 家", item["statement"]!.GetValue<string>());
        Assert.Contains("25,800 万元", item["statement"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_roster_with_bad_rows_names_each_row_and_field_and_stores_nothing()
    {
        const string adcode = "371322"; // 郯城县
        var before = await CountyOf(adcode);
        var csv = string.Join("\r\n",
            "企业名称,统一社会信用代码,行业,年产值（万元）,从业人数",
            $"郯城甲有限公司,{Code(21)},3670,100,10",
            "郯城乙有限公司,91371300MA3C000210,3670,100,10",
            $"郯城丙有限公司,{Code(23)},不知道什么行业,100,10",
            $",{Code(24)},3670,-5,1.5",
            $"郯城戊有限公司,{Code(21)},1411,100,10");

        var response = await Upload(app.County(adcode), adcode, Encoding.UTF8.GetBytes(csv), "bad.csv");

        var problem = await Problems.AssertValidationProblem(response, "rows[3].creditCode");
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("第 3 行", errors["rows[3].creditCode"]![0]!.GetValue<string>());
        Assert.True(errors.ContainsKey("rows[4].industry"));
        Assert.True(errors.ContainsKey("rows[5].name"));
        Assert.True(errors.ContainsKey("rows[5].outputWanYuan"));
        Assert.True(errors.ContainsKey("rows[5].jobs"));
        Assert.True(errors.ContainsKey("rows[6].industry")); // the same credit code as row 2, another class
        Assert.False(errors.ContainsKey("rows[2].creditCode"));
        var after = await CountyOf(adcode);
        Assert.Equal(before["version"]!.GetValue<long>(), after["version"]!.GetValue<long>());
        Assert.Empty(Roster(after));

        await Problems.AssertValidationProblem(await Upload(app.County(adcode), adcode, Encoding.UTF8.GetBytes("名字,代码\n甲,乙\n"), "x.csv"), "file");
        await Problems.AssertValidationProblem(await Upload(app.County(adcode), adcode, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3], "broken.xlsx"), "file");
        Assert.Equal(HttpStatusCode.Forbidden, (await Upload(app.County("370102"), adcode, Encoding.UTF8.GetBytes(csv), "x.csv")).StatusCode);
    }
}
