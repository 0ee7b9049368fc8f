using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using UglyToad.PdfPig;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class AgreementsApiTests(MatchingApplication app)
{
    // Counties no other test of the shared host decides on: default-sized awards elsewhere use up 370102's and 370105's energy.
    private const string Lead = "371002", Partner = "371082", Outsider = "370112"; // 环翠区, 荣成市, 历城区
    private readonly HttpClient _officer = app.Officer();
    private readonly HttpClient _coordinator = app.Coordinator();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A project both counties bid on, co-built 70:30 by the coordinator for 5 years.</summary>
    private async Task<(Guid Id, string Title)> CoBuilt(string title)
    {
        var (id, _) = await _officer.CreateProject(ProjectBodies.Valid(title).With("landMu", 30).With("energyTce", 200));
        (await _officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        foreach (var county in new[] { Lead, Partner })
        {
            var bid = new JsonObject
            {
                ["county"] = county, ["parkId"] = await Park(county), ["landMu"] = 30, ["energyTce"] = 200, ["deliveryMonths"] = 10,
                ["landPrice"] = 25, ["commitments"] = "专班服务", ["note"] = "",
            };
            (await app.County(county).PostAsJsonAsync($"/api/projects/{id}/bids", bid, Ct)).EnsureSuccessStatusCode();
        }

        var version = (await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "cobuild", ["county"] = Lead, ["parkId"] = await Park(Lead), ["years"] = 5, ["reason"] = "两地共建飞地园区",
            ["shares"] = new JsonArray(new JsonObject { ["county"] = Lead, ["percent"] = 70 }, new JsonObject { ["county"] = Partner, ["percent"] = 30 }),
            ["expectedVersion"] = version,
        }, Ct)).EnsureSuccessStatusCode();
        return (id, title);
    }

    private async Task<string> Park(string county) =>
        (await _officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();

    private static JsonObject Agreement(string template = "7:3") => new()
    {
        ["template"] = template, ["firstYear"] = 2026, ["years"] = 3, ["indicators"] = new JsonArray("retainedTax", "outputValue"),
    };

    private static JsonObject Figures(decimal fai, decimal output, decimal tax) => new()
    {
        ["fixedAssetInvestment"] = fai, ["outputValue"] = output, ["retainedTax"] = tax, ["source"] = "县统计局 2026 年报",
    };

    private static decimal Credit(JsonNode ledger, string county, string indicator) =>
        ledger["lines"]!.AsArray().Single(l => l!["county"]!.GetValue<string>() == county)![indicator]!.GetValue<decimal>();

    [Fact]
    public async Task A_cobuild_year_counts_everything_in_the_host_county_officially_and_splits_the_shared_indicators_for_assessment()
    {
        var (id, _) = await CoBuilt("共建台账测试项目");
        var created = await _coordinator.PostAsJsonAsync($"/api/projects/{id}/agreement", Agreement(), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var agreement = await created.ReadJson();
        Assert.Equal(Lead, agreement["hostCounty"]!.GetValue<string>());
        Assert.Equal([70m, 30m], agreement["shares"]!.AsArray().Select(s => s!["percent"]!.GetValue<decimal>()));

        (await _coordinator.PutAsJsonAsync($"/api/projects/{id}/agreement/figures/2026", Figures(1000m, 5000m, 300.33m), Ct)).EnsureSuccessStatusCode();

        var year = (await _coordinator.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/agreement/ledgers/2026", Ct))!;
        var official = year["official"]!;
        Assert.Equal(1000m, Credit(official, Lead, "fixedAssetInvestment"));
        Assert.Equal(5000m, Credit(official, Lead, "outputValue"));
        Assert.Equal(300.33m, Credit(official, Lead, "retainedTax"));
        Assert.All(new[] { "fixedAssetInvestment", "outputValue", "retainedTax" }, i => Assert.Equal(0m, Credit(official, Partner, i)));

        var assessment = year["assessment"]!;
        Assert.Equal(3500m, Credit(assessment, Lead, "outputValue"));
        Assert.Equal(1500m, Credit(assessment, Partner, "outputValue"));
        Assert.Equal(90.10m, Credit(assessment, Partner, "retainedTax"));
        Assert.Equal(210.23m, Credit(assessment, Lead, "retainedTax"));
        // Fixed-asset investment is not shared by this agreement: it stays with the host in both ledgers.
        Assert.Equal(1000m, Credit(assessment, Lead, "fixedAssetInvestment"));
        Assert.Equal(0m, Credit(assessment, Partner, "fixedAssetInvestment"));
        Assert.Equal("县统计局 2026 年报", year["official"]!["sources"]![0]!["source"]!.GetValue<string>());

        // The partner is a party: it sees the assessment ledger too.
        var partner = (await app.County(Partner).GetFromJsonAsync<JsonObject>($"/api/projects/{id}/agreement/ledgers/2026", Ct))!;
        Assert.Equal(1500m, Credit(partner["assessment"]!, Partner, "outputValue"));

        // A county that is no party, and the posting officer, see the official ledger only.
        foreach (var reader in new[] { app.County(Outsider), _officer })
        {
            var seen = (await reader.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/agreement/ledgers/2026", Ct))!;
            Assert.False(seen["assessmentVisible"]!.GetValue<bool>());
            Assert.Null(seen["assessment"]);
            Assert.Equal(5000m, Credit(seen["official"]!, Lead, "outputValue"));
            var all = await reader.GetStringAsync($"/api/projects/{id}/agreement/ledgers", Ct);
            Assert.DoesNotContain("\"kind\":\"assessment\"", all);
        }
    }

    [Fact]
    public async Task Settlement_is_set_by_a_party_or_a_coordinator_and_refused_to_anyone_else()
    {
        var (id, _) = await CoBuilt("共建结算测试项目");
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/agreement", Agreement("5:5"), Ct)).EnsureSuccessStatusCode();

        var outsider = await app.County(Outsider).PutAsJsonAsync($"/api/projects/{id}/agreement/settlements/2026", new JsonObject { ["status"] = "paid" }, Ct);
        await Problems.AssertProblem(outsider, HttpStatusCode.Forbidden);
        var officer = await _officer.PutAsJsonAsync($"/api/projects/{id}/agreement/settlements/2026", new JsonObject { ["status"] = "paid" }, Ct);
        await Problems.AssertProblem(officer, HttpStatusCode.Forbidden);

        await Problems.AssertValidationProblem(
            await app.County(Partner).PutAsJsonAsync($"/api/projects/{id}/agreement/settlements/2026", new JsonObject { ["status"] = "disputed" }, Ct), "note");
        await Problems.AssertValidationProblem(
            await app.County(Partner).PutAsJsonAsync($"/api/projects/{id}/agreement/settlements/2031", new JsonObject { ["status"] = "paid" }, Ct), "year");

        var before = (await _coordinator.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/agreement/ledgers/2026", Ct))!;
        Assert.Equal("due", before["settlement"]!["status"]!.GetValue<string>());

        var disputed = await app.County(Partner).PutAsJsonAsync($"/api/projects/{id}/agreement/settlements/2026",
            new JsonObject { ["status"] = "disputed", ["note"] = "税收留成未按 5:5 划转" }, Ct);
        Assert.Equal(HttpStatusCode.OK, disputed.StatusCode);
        (await _coordinator.PutAsJsonAsync($"/api/projects/{id}/agreement/settlements/2027", new JsonObject { ["status"] = "paid" }, Ct)).EnsureSuccessStatusCode();

        var years = (await app.County(Lead).GetFromJsonAsync<JsonArray>($"/api/projects/{id}/agreement/ledgers", Ct))!;
        Assert.Equal(["disputed", "paid", "due"], years.Select(y => y!["settlement"]!["status"]!.GetValue<string>()));
        Assert.Equal($"county-{Partner}", years[0]!["settlement"]!["setBy"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string> BadAgreements => new()
    {
        { "agreement", """{"template":"custom","shares":[{"county":"371002","percent":60},{"county":"371082","percent":30}],"years":3}""", "shares" },
        { "agreement", """{"template":"6:4","years":3}""", "template" },
        { "agreement", """{"template":"7:3","years":3,"indicators":["landRent"]}""", "indicators[0]" },
        { "agreement", """{"template":"7:3","years":3,"indicators":[]}""", "indicators" },
        { "agreement", """{"template":"7:3","years":0}""", "years" },
        { "agreement", """{"template":"custom","shares":[{"county":"371002","percent":70},{"county":"370112","percent":30}],"years":3}""", "shares" },
        { "figures", """{"outputValue":-5,"source":"统计年报"}""", "outputValue" },
        { "figures", """{"retainedTax":10}""", "source" },
    };

    [Theory]
    [MemberData(nameof(BadAgreements))]
    public async Task Bad_agreements_and_figures_are_refused_naming_the_field_and_store_nothing(string what, string body, string field)
    {
        var (id, _) = await CoBuilt("协议校验测试项目");
        if (what == "figures")
        {
            (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/agreement", Agreement(), Ct)).EnsureSuccessStatusCode();
            await Problems.AssertValidationProblem(await _coordinator.PutAsync($"/api/projects/{id}/agreement/figures/2026",
                new StringContent(body, Encoding.UTF8, "application/json"), Ct), field);
            var year = (await _coordinator.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/agreement/ledgers/2026", Ct))!;
            Assert.Empty(year["official"]!["sources"]!.AsArray());
            return;
        }

        await Problems.AssertValidationProblem(await _coordinator.PostAsync($"/api/projects/{id}/agreement",
            new StringContent(body, Encoding.UTF8, "application/json"), Ct), field);
        await Problems.AssertValidationProblem(await _coordinator.PutAsync($"/api/projects/{id}/agreement",
            new StringContent(body, Encoding.UTF8, "application/json"), Ct), field);
        // What the decision drafted is unchanged.
        var stored = (await _coordinator.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/agreement", Ct))!;
        Assert.Equal("draft", stored["status"]!.GetValue<string>());
        Assert.Equal(5, stored["years"]!.GetValue<int>());
        Assert.Equal([70m, 30m], stored["shares"]!.AsArray().Select(s => s!["percent"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task A_cobuild_decision_drafts_its_agreement_which_the_parties_complete_and_a_coordinator_confirms()
    {
        var (id, _) = await CoBuilt("共建协议起草测试项目");
        var draft = (await app.County(Partner).GetFromJsonAsync<JsonObject>($"/api/projects/{id}/agreement", Ct))!;
        Assert.Equal("draft", draft["status"]!.GetValue<string>());
        Assert.Equal("7:3", draft["template"]!.GetValue<string>());
        Assert.Equal(5, draft["years"]!.GetValue<int>());
        Assert.Equal([(Lead, 70m), (Partner, 30m)], draft["shares"]!.AsArray().Select(s => (s!["county"]!.GetValue<string>(), s["percent"]!.GetValue<decimal>())));
        Assert.True(draft["current"]!.GetValue<bool>());

        // Nothing is settled or counted on a draft.
        await Problems.AssertProblem(await app.County(Partner).PutAsJsonAsync($"/api/projects/{id}/agreement/settlements/2026", new JsonObject { ["status"] = "paid" }, Ct), HttpStatusCode.Conflict);
        await Problems.AssertProblem(await _coordinator.PutAsJsonAsync($"/api/projects/{id}/agreement/figures/2026", Figures(1m, 1m, 1m), Ct), HttpStatusCode.Conflict);

        // A county that is no party, and the officer, may not complete it; a party may not change the decision's shares.
        var term = new JsonObject { ["firstYear"] = 2027, ["years"] = 3, ["indicators"] = new JsonArray("retainedTax") };
        await Problems.AssertProblem(await app.County(Outsider).PutAsJsonAsync($"/api/projects/{id}/agreement", term, Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblem(await _officer.PutAsJsonAsync($"/api/projects/{id}/agreement", term, Ct), HttpStatusCode.Forbidden);
        await Problems.AssertValidationProblem(await app.County(Partner).PutAsJsonAsync($"/api/projects/{id}/agreement", Agreement("5:5"), Ct), "shares");

        var completed = await app.County(Partner).PutAsJsonAsync($"/api/projects/{id}/agreement", term, Ct);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var body = await completed.ReadJson();
        Assert.Equal(("draft", 2027, 2029), (body["status"]!.GetValue<string>(), body["firstYear"]!.GetValue<int>(), body["lastYear"]!.GetValue<int>()));
        Assert.Equal(["retainedTax"], body["indicators"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal("7:3", body["template"]!.GetValue<string>());

        await Problems.AssertProblem(await app.County(Lead).PostAsync($"/api/projects/{id}/agreement/confirm", null, Ct), HttpStatusCode.Forbidden);
        var confirmed = await _coordinator.PostAsync($"/api/projects/{id}/agreement/confirm", null, Ct);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var agreement = (await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/agreement", Ct))!;
        Assert.Equal(("confirmed", 3, "coordinator"), (agreement["status"]!.GetValue<string>(), agreement["years"]!.GetValue<int>(), agreement["confirmedBy"]!.GetValue<string>()));

        // Confirmed: no second confirmation, no more changes; the years settle.
        await Problems.AssertProblem(await _coordinator.PostAsync($"/api/projects/{id}/agreement/confirm", null, Ct), HttpStatusCode.Conflict);
        await Problems.AssertProblem(await app.County(Lead).PutAsJsonAsync($"/api/projects/{id}/agreement", term, Ct), HttpStatusCode.Conflict);
        (await app.County(Lead).PutAsJsonAsync($"/api/projects/{id}/agreement/settlements/2027", new JsonObject { ["status"] = "paid" }, Ct)).EnsureSuccessStatusCode();
        await Problems.AssertValidationProblem(
            await app.County(Lead).PutAsJsonAsync($"/api/projects/{id}/agreement/settlements/2026", new JsonObject { ["status"] = "paid" }, Ct), "year");
    }

    [Fact]
    public async Task A_revision_keeping_the_parties_keeps_the_agreement_and_one_changing_them_supersedes_it()
    {
        var (id, _) = await CoBuilt("共建协议修改测试项目");
        (await _coordinator.PostAsync($"/api/projects/{id}/agreement/confirm", null, Ct)).EnsureSuccessStatusCode();
        var park = await Park(Lead);
        async Task<JsonObject> CoBuild(string reason, params (string County, int Percent)[] shares) => new()
        {
            ["kind"] = "cobuild", ["county"] = Lead, ["parkId"] = park, ["years"] = 5, ["reason"] = reason, ["assignsNonBidder"] = true,
            ["shares"] = new JsonArray([.. shares.Select(s => (JsonNode)new JsonObject { ["county"] = s.County, ["percent"] = s.Percent })]),
            ["expectedVersion"] = (await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>(),
        };

        // The same parties and shares, another reason: the confirmed agreement follows the revision.
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision/revision", await CoBuild("更正决定理由", (Lead, 70), (Partner, 30)), Ct)).EnsureSuccessStatusCode();
        var kept = (await _coordinator.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/agreement", Ct))!;
        Assert.Equal("confirmed", kept["status"]!.GetValue<string>());
        Assert.True(kept["current"]!.GetValue<bool>());
        Assert.Empty((await _coordinator.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/agreement/superseded", Ct))!);

        // Another partner: the agreement is superseded and the new parties' draft takes its place.
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision/revision", await CoBuild("改由历城区共建", (Lead, 80), (Outsider, 20)), Ct)).EnsureSuccessStatusCode();
        var redrafted = (await _coordinator.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/agreement", Ct))!;
        Assert.Equal(("draft", "8:2"), (redrafted["status"]!.GetValue<string>(), redrafted["template"]!.GetValue<string>()));
        Assert.Equal([Lead, Outsider], redrafted["shares"]!.AsArray().Select(s => s!["county"]!.GetValue<string>()));
        var superseded = Assert.Single((await _coordinator.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/agreement/superseded", Ct))!)!;
        Assert.Equal(("superseded", Partner), (superseded["status"]!.GetValue<string>(), superseded["shares"]![1]!["county"]!.GetValue<string>()));
        // The new partner is a party now and sees the assessment ledger; the old one no longer settles anything.
        await Problems.AssertProblem(await app.County(Partner).PutAsJsonAsync($"/api/projects/{id}/agreement", new JsonObject { ["years"] = 2 }, Ct), HttpStatusCode.Forbidden);

        // An award to the lead alone ends the co-build: the agreement is superseded, with no draft after it.
        var award = new JsonObject
        {
            ["kind"] = "award", ["county"] = Lead, ["parkId"] = park, ["reason"] = "改为单独落地",
            ["expectedVersion"] = (await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>(),
        };
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision/revision", award, Ct)).EnsureSuccessStatusCode();
        var ended = (await _coordinator.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/agreement", Ct))!;
        Assert.Equal("superseded", ended["status"]!.GetValue<string>());
        Assert.False(ended["current"]!.GetValue<bool>());
        await Problems.AssertProblem(await _coordinator.PostAsync($"/api/projects/{id}/agreement/confirm", null, Ct), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Only_a_coordinator_records_an_agreement_and_only_for_a_cobuild_or_referral()
    {
        var (id, _) = await CoBuilt("协议权限测试项目");
        await Problems.AssertProblem(await app.County(Lead).PostAsJsonAsync($"/api/projects/{id}/agreement", Agreement(), Ct), HttpStatusCode.Forbidden);
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/agreement", Agreement(), Ct)).EnsureSuccessStatusCode();
        await Problems.AssertProblem(await _coordinator.PostAsJsonAsync($"/api/projects/{id}/agreement", Agreement(), Ct), HttpStatusCode.Conflict);

        var (open, _) = await _officer.CreateProject(ProjectBodies.Valid("未决定项目"));
        (await _officer.PostAsync($"/api/projects/{open}/publish", null, Ct)).EnsureSuccessStatusCode();
        await Problems.AssertProblem(await _coordinator.PostAsJsonAsync($"/api/projects/{open}/agreement", Agreement(), Ct), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_decision_letter_and_the_agreement_summary_are_PDFs_with_the_title_as_text()
    {
        var (id, title) = await CoBuilt("文档测试共建项目");
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/agreement", Agreement(), Ct)).EnsureSuccessStatusCode();
        (await _coordinator.PutAsJsonAsync($"/api/projects/{id}/agreement/figures/2026", Figures(800m, 2000m, 100m), Ct)).EnsureSuccessStatusCode();

        foreach (var (reader, path, expected) in new[]
        {
            (_officer, $"/api/projects/{id}/decision/letter.pdf", "统筹决定书"),
            (app.County(Partner), $"/api/projects/{id}/agreement/summary.pdf", "考核口径"),
        })
        {
            var response = await reader.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
            Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
            using var pdf = PdfDocument.Open(bytes);
            var text = string.Concat(pdf.GetPages().Select(p => p.Text));
            Assert.Contains(title, text);
            Assert.Contains(expected, text);
        }

        // A county that is no party gets the summary without the assessment ledger.
        var outsider = await app.County(Outsider).GetByteArrayAsync($"/api/projects/{id}/agreement/summary.pdf", Ct);
        using var seen = PdfDocument.Open(outsider);
        var outsiderText = string.Concat(seen.GetPages().Select(p => p.Text));
        Assert.Contains(title, outsiderText);
        Assert.DoesNotContain("考核口径（", outsiderText);
    }

    [Fact]
    public async Task The_ledgers_and_the_agreements_list_export_to_xlsx_that_reads_back()
    {
        var (id, title) = await CoBuilt("表格导出共建项目");
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/agreement", Agreement(), Ct)).EnsureSuccessStatusCode();
        (await _coordinator.PutAsJsonAsync($"/api/projects/{id}/agreement/figures/2026", Figures(0m, 1000m, 50m), Ct)).EnsureSuccessStatusCode();

        var ledgers = await _coordinator.GetByteArrayAsync($"/api/projects/{id}/agreement/ledgers?format=xlsx", Ct);
        var rows = new MemoryStream(ledgers).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        // 3 years × 2 ledgers × 2 parties.
        Assert.Equal(12, rows.Count);
        var partner2026 = rows.Single(r => Convert.ToInt32(r["年度"]) == 2026 && (string)r["口径"]! == "考核口径" && (string)r["县（市、区）"]! != "环翠区");
        Assert.Equal(300m, Convert.ToDecimal(partner2026["产值（万元）"]));

        // A county that is no party exports the official ledger only.
        var outsider = await app.County(Outsider).GetByteArrayAsync($"/api/projects/{id}/agreement/ledgers?format=xlsx", Ct);
        var outsiderRows = new MemoryStream(outsider).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(6, outsiderRows.Count);
        Assert.All(outsiderRows, r => Assert.Equal("统计口径", r["口径"]));

        var list = await _coordinator.GetByteArrayAsync($"/api/agreements?format=xlsx&q={Uri.EscapeDataString(title)}", Ct);
        var listed = Assert.Single(new MemoryStream(list).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>());
        Assert.Equal(title, listed["项目名称"]);
        Assert.Equal("7:3", listed["分成模板"]);
    }

    [Fact]
    public async Task The_ledgers_count_what_the_confirmed_stage_reports_realised_and_a_recorded_year_figure_replaces_its_indicator()
    {
        var (id, _) = await CoBuilt("阶段实现数共建项目");
        // Stage reports are dated yesterday (China time): that is the ledger year.
        var year = DateTime.UtcNow.AddHours(8).AddDays(-1).Year;
        var agreement = Agreement();
        agreement["firstYear"] = year;
        agreement["indicators"] = new JsonArray("fixedAssetInvestment", "outputValue", "retainedTax");
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/agreement", agreement, Ct)).EnsureSuccessStatusCode();

        var county = app.County(Lead);
        var file = await LandingTestKit.Uploaded(county, id);
        await LandingTestKit.ReportAndConfirm(app, county, id, LandingTestKit.Stage("signed", file, ("contractNumber", "鲁共建〔2026〕7号"), ("amount", 9000)));
        await LandingTestKit.ReportAndConfirm(app, county, id, LandingTestKit.Stage("started", file, ("permitNumber", "370102202612010001")));
        await LandingTestKit.ReportAndConfirm(app, county, id, LandingTestKit.Stage("fundsArrived", file, ("cumulativeFunds", 2000)));
        await LandingTestKit.ReportAndConfirm(app, county, id, LandingTestKit.Stage("fundsArrived", file, ("cumulativeFunds", 3500)));
        // A report still awaiting review counts nothing.
        (await LandingTestKit.Report(county, id, LandingTestKit.Stage("fundsArrived", file, ("cumulativeFunds", 9999)))).EnsureSuccessStatusCode();

        var ledgers = (await _coordinator.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/agreement/ledgers/{year}", Ct))!;
        Assert.Equal(3500m, Credit(ledgers["official"]!, Lead, "fixedAssetInvestment"));
        Assert.Equal(2450m, Credit(ledgers["assessment"]!, Lead, "fixedAssetInvestment"));
        Assert.Equal(1050m, Credit(ledgers["assessment"]!, Partner, "fixedAssetInvestment"));
        Assert.Equal(["资金到位报告第 3 号", "资金到位报告第 4 号"], ledgers["official"]!["sources"]!.AsArray().Select(x => x!["source"]!.GetValue<string>()));

        // The year's statistics recorded for output value: that indicator comes from the record; the investment still from the stages.
        (await _coordinator.PutAsJsonAsync($"/api/projects/{id}/agreement/figures/{year}", new JsonObject { ["outputValue"] = 600, ["source"] = "县统计局快报" }, Ct)).EnsureSuccessStatusCode();
        var after = (await app.County(Partner).GetFromJsonAsync<JsonObject>($"/api/projects/{id}/agreement/ledgers/{year}", Ct))!;
        Assert.Equal(3500m, Credit(after["official"]!, Lead, "fixedAssetInvestment"));
        Assert.Equal(600m, Credit(after["official"]!, Lead, "outputValue"));
        Assert.Equal(180m, Credit(after["assessment"]!, Partner, "outputValue"));
    }
}
