using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain;
using Matching.Domain.Agreements;
using Matching.Grains.Agreements;
using Matching.Grains.Reports;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Matching.Host.Tests;

/// <summary>
/// The yearly report's ledger figures from the per-(county, year) sums, through the real host, against
/// the previous read path (every agreement of the year and its amounts, summed per county), computed in
/// the test from the same stored agreements: a store written before the sums is counted once at start,
/// corrections and supersessions move the sums by their difference, replays and a restart count nothing twice.
/// </summary>
public sealed class CountyYearLedgersTests : IAsyncLifetime
{
    private readonly SeededInstallation _installation = SeededInstallation.OnSqlite();

    [Fact]
    public Task Ledger_sums_equal_reading_every_agreement_after_backfill_corrections_replays_and_a_restart() =>
        CountyYearLedgerScenario.Run(_installation.Seed, _installation.Host);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _installation.DisposeAsync();
}

/// <summary>The same on PostgreSQL, on a database of its own.</summary>
public sealed class CountyYearLedgersPostgreSqlTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public Task Ledger_sums_equal_reading_every_agreement_after_backfill_corrections_replays_and_a_restart()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var installation = SeededInstallation.OnPostgres(postgres);
        return CountyYearLedgerScenario.Run(installation.Seed, installation.Host);
    }
}

/// <summary>What both row stores are put through, and the previous read path the figures are compared with.</summary>
internal static class CountyYearLedgerScenario
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Counties of three prefectures; every agreement is between two or three of them.
    private static readonly string[] Counties = ["371002", "371082", "371003", "370102", "370112", "370811"];
    private static readonly string[] LedgerKeys = ["officialInvestment", "officialOutput", "officialTax", "assessmentInvestment", "assessmentOutput", "assessmentTax"];

    private static string Id(Guid id) => id.ToString("N");
    private static string Year(int year) => year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Agreements as they were stored before the sums: varied parties, shares, years, indicators and statuses, with figures for some years.</summary>
    private static (List<Agreement> Agreements, List<(Guid Project, int Year, RealisedAmount[] Amounts)> Figures) Stored(int thisYear)
    {
        var random = new Random(11);
        var agreements = new List<Agreement>();
        var figures = new List<(Guid, int, RealisedAmount[])>();
        for (var i = 0; i < 60; i++)
        {
            var parties = Counties.OrderBy(_ => random.Next()).Take(2 + i % 2).ToArray();
            var partnerPercents = parties.Skip(1).Select(_ => (decimal)random.Next(5, 40)).ToArray();
            AgreementShare[] shares = [new(parties[0], 100 - partnerPercents.Sum()), .. parties.Skip(1).Select((c, k) => new AgreementShare(c, partnerPercents[k]))];
            IReadOnlyList<SharedIndicator> indicators = i % 3 == 0 ? SharedIndicators.All : [SharedIndicator.RetainedTax, SharedIndicator.OutputValue];
            var status = i % 7 == 0 ? AgreementStatus.Draft : i % 11 == 0 ? AgreementStatus.Superseded : AgreementStatus.Confirmed;
            var agreement = new Agreement(Guid.NewGuid(), $"台账核对项目 {i}", AgreementKind.CoBuild, parties[0], shares, "自定义", thisYear - random.Next(0, 3), 1 + random.Next(0, 5),
                indicators, 1, "coordinator", DateTimeOffset.UtcNow.AddMinutes(-i), status);
            agreements.Add(agreement);
            for (var year = agreement.FirstYear; year <= agreement.LastYear; year++)
            {
                if (random.Next(4) == 0) continue;
                var on = new DateOnly(year, 6, 30);
                figures.Add((agreement.ProjectId, year,
                [
                    new(SharedIndicator.FixedAssetInvestment, on, Math.Round((decimal)random.NextDouble() * 5_000, 2), "县统计局年报", "coordinator"),
                    new(SharedIndicator.OutputValue, on, Math.Round((decimal)random.NextDouble() * 20_000, 2), "县统计局年报", "coordinator"),
                    new(SharedIndicator.RetainedTax, on, Math.Round((decimal)random.NextDouble() * 777.77m, 2), "县统计局年报", "coordinator"),
                ]));
            }
        }

        return (agreements, figures);
    }

    /// <summary>
    /// The previous read path of the report's ledgers (before the sums): every agreement, paged, those
    /// of the year that are current (neither drafts nor superseded), their stage amounts and recorded figures, summed per county.
    /// </summary>
    public static async Task<Dictionary<string, (IndicatorAmounts Official, IndicatorAmounts Assessment)>> ByReadingEveryAgreement(IServiceProvider services, int year)
    {
        var (agreements, stages) = (services.GetRequiredService<AgreementBook>(), services.GetRequiredService<StageAmounts>());
        var (official, assessment) = (new Dictionary<string, IndicatorAmounts>(), new Dictionary<string, IndicatorAmounts>());
        static void Add(Dictionary<string, IndicatorAmounts> sums, Ledger ledger)
        {
            foreach (var line in ledger.Lines)
            {
                var sum = sums.GetValueOrDefault(line.County, IndicatorAmounts.Zero);
                sums[line.County] = new IndicatorAmounts(sum.FixedAssetInvestment + line.Amounts.FixedAssetInvestment,
                    sum.OutputValue + line.Amounts.OutputValue, sum.RetainedTax + line.Amounts.RetainedTax);
            }
        }

        for (var skip = 0; ; skip += 500)
        {
            var (page, total) = await agreements.PageAsync(skip, 500, Ct);
            foreach (var agreement in page.Where(a => a.Status == AgreementStatus.Confirmed && year >= a.FirstYear && year <= a.LastYear))
            {
                var amounts = RealisedAmounts.ForYear(await stages.OfAsync(agreement.ProjectId, Ct), await agreements.FiguresAsync(agreement.ProjectId, year, Ct), year);
                Add(official, AgreementLedgers.Official(agreement, year, amounts));
                Add(assessment, AgreementLedgers.Assessment(agreement, year, amounts));
            }

            if (skip + 500 >= total || page.Count == 0) break;
        }

        return official.Keys.Union(assessment.Keys).ToDictionary(c => c, c => (official.GetValueOrDefault(c, IndicatorAmounts.Zero), assessment.GetValueOrDefault(c, IndicatorAmounts.Zero)));
    }

    /// <summary>The six ledger figures of every county of the report for the year.</summary>
    public static async Task<Dictionary<string, decimal[]>> Reported(HttpClient coordinator, int year) =>
        (await coordinator.GetFromJsonAsync<JsonArray>($"/api/reports/counties?year={year}", Ct))!.ToDictionary(
            r => r!["county"]!.GetValue<string>(),
            r => LedgerKeys.Select(k => r!["indicators"]!.AsArray().First(i => i!["key"]!.GetValue<string>() == k)!["value"]!.GetValue<decimal>()).ToArray());

    /// <summary>Asserts that the report's ledger figures of every county equal the previous read path's, and returns how many counties have a non-zero figure.</summary>
    public static async Task<int> AssertSameAsReadingEveryAgreement(MatchingApplication app, int year)
    {
        var expected = await ByReadingEveryAgreement(app.Services, year);
        var reported = await Reported(app.Coordinator(), year);
        Assert.Equal(136, reported.Count);
        foreach (var (county, figures) in reported)
        {
            var (official, assessment) = expected.GetValueOrDefault(county, (IndicatorAmounts.Zero, IndicatorAmounts.Zero));
            decimal[] want = [official.FixedAssetInvestment, official.OutputValue, official.RetainedTax, assessment.FixedAssetInvestment, assessment.OutputValue, assessment.RetainedTax];
            Assert.True(want.SequenceEqual(figures), $"{county} {year}: reported {string.Join(", ", figures)}, every agreement read {string.Join(", ", want)}");
        }

        return reported.Count(r => r.Value.Any(v => v != 0));
    }

    /// <summary>Seeds a store written before the sums (through <paramref name="seedStore"/>), then runs hosts on it (<paramref name="host"/>).</summary>
    public static async Task Run(Func<Func<IRowStore, Task>, Task> seedStore, Func<MatchingApplication> host)
    {
        var thisYear = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        var (agreements, figures) = Stored(thisYear);
        // Written as the agreement book wrote them (one row per agreement, one per agreement year's figures).
        await seedStore(async store =>
        {
            await store.WriteAsync("agreements", [.. agreements.Select(a => RowWrite.Put("all", Id(a.ProjectId), a.MadeAt.ToString("O"), JsonSerializer.Serialize(a, MatchingJson.Options)))], Ct);
            await store.WriteAsync("agreement-figures", [.. figures.Select(f => RowWrite.Put(Id(f.Project), Year(f.Year), Year(f.Year), JsonSerializer.Serialize(f.Amounts, MatchingJson.Options)))], Ct);
        });

        Dictionary<string, decimal[]> reported;
        await using (var app = host())
        {
            await app.InitializeAsync();
            // Counted once at start: equal to reading every agreement, in each of the years the agreements span.
            for (var year = thisYear - 2; year <= thisYear + 1; year++) await AssertSameAsReadingEveryAgreement(app, year);
            Assert.True(await AssertSameAsReadingEveryAgreement(app, thisYear) >= 4, "the seeded agreements credit several counties this year");

            // Corrections: a year's figures lowered, one removed, a draft confirmed, an agreement's shares changed, one cut to fewer years, one superseded.
            var book = app.Services.GetRequiredService<AgreementBook>();
            var withFigures = figures.Where(f => f.Year == thisYear).Take(3).ToArray();
            await book.PutFiguresAsync(withFigures[0].Project, thisYear, [.. withFigures[0].Amounts.Select(a => a with { Amount = Math.Round(a.Amount / 3, 2) })], Ct);
            await book.PutFiguresAsync(withFigures[1].Project, thisYear, [], Ct);
            var draft = agreements.First(a => a.Status == AgreementStatus.Draft);
            await book.PutAsync(draft with { Status = AgreementStatus.Confirmed }, Ct);
            var shared = agreements.First(a => a.Status == AgreementStatus.Confirmed && a.FirstYear <= thisYear && a.LastYear >= thisYear && a.Shares.Count == 2);
            await book.PutAsync(shared with { Shares = [new(shared.Shares[0].County, 50), new(shared.Shares[1].County, 50)], Indicators = SharedIndicators.All }, Ct);
            var cut = agreements.First(a => a.Status == AgreementStatus.Confirmed && a.LastYear > a.FirstYear && a != shared);
            await book.PutAsync(cut with { Years = 1 }, Ct);
            // And one superseded by a later decision: its years no longer count.
            var ended = agreements.First(a => a.Status == AgreementStatus.Confirmed && a.FirstYear <= thisYear && a.LastYear >= thisYear && a != shared && a != cut);
            await book.PutAsync(ended with { Status = AgreementStatus.Superseded }, Ct);
            for (var year = thisYear - 2; year <= thisYear + 1; year++) await AssertSameAsReadingEveryAgreement(app, year);

            // Replays: every agreement recounted again, and the backfill again: nothing moves.
            var before = await Reported(app.Coordinator(), thisYear);
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            await Task.WhenAll(agreements.Select(a => grains.GetGrain<IAgreementCreditsGrain>(a.ProjectId).Recount()));
            Assert.Equal(0, await app.Services.GetRequiredService<CountyYearLedgers>().BackfillAsync(cancellationToken: Ct));
            reported = await Reported(app.Coordinator(), thisYear);
            Assert.All(before, b => Assert.Equal(b.Value, reported[b.Key]));
        }

        // A restart counts nothing again.
        await using (var again = host())
        {
            await again.InitializeAsync();
            var afterRestart = await Reported(again.Coordinator(), thisYear);
            Assert.All(reported, r => Assert.Equal(r.Value, afterRestart[r.Key]));
            await AssertSameAsReadingEveryAgreement(again, thisYear);
        }
    }
}

/// <summary>A confirmed stage report moves the report's ledger figures through the real write path (the project's projection recounts its agreement).</summary>
[Collection(HostCollection.Name)]
public sealed class CountyYearLedgersStageTests(MatchingApplication app)
{
    private const string Lead = "371002", Partner = "371082"; // 环翠区, 荣成市 (as AgreementsApiTests)
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> Park(HttpClient client, string county) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();

    [Fact]
    public async Task A_confirmed_funds_arrival_adds_its_amount_to_the_lead_county_and_the_partner_share_for_assessment()
    {
        var (officer, coordinator) = (app.Officer(), app.Coordinator());
        var (id, _) = await officer.CreateProject(ProjectBodies.Valid("台账汇总阶段项目").With("landMu", 10).With("energyTce", 50));
        (await officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        foreach (var bidder in new[] { Lead, Partner })
            (await app.County(bidder).PostAsJsonAsync($"/api/projects/{id}/bids", new JsonObject
            {
                ["county"] = bidder, ["parkId"] = await Park(officer, bidder), ["landMu"] = 10, ["energyTce"] = 50, ["deliveryMonths"] = 10,
                ["landPrice"] = 25, ["commitments"] = "专班服务", ["note"] = "",
            }, Ct)).EnsureSuccessStatusCode();
        var version = (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();
        (await coordinator.PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "cobuild", ["county"] = Lead, ["parkId"] = await Park(officer, Lead), ["years"] = 5, ["reason"] = "两地共建",
            ["shares"] = new JsonArray(new JsonObject { ["county"] = Lead, ["percent"] = 70 }, new JsonObject { ["county"] = Partner, ["percent"] = 30 }),
            ["expectedVersion"] = version,
        }, Ct)).EnsureSuccessStatusCode();

        // Stage reports are dated yesterday (China time): that is the ledger year.
        var year = DateTime.UtcNow.AddHours(8).AddDays(-1).Year;
        (await coordinator.PostAsJsonAsync($"/api/projects/{id}/agreement", new JsonObject
        {
            ["template"] = "7:3", ["firstYear"] = year, ["years"] = 2, ["indicators"] = new JsonArray("fixedAssetInvestment", "outputValue", "retainedTax"),
        }, Ct)).EnsureSuccessStatusCode();
        var before = await CountyYearLedgerScenario.Reported(coordinator, year);

        var county = app.County(Lead);
        var file = await LandingTestKit.Uploaded(county, id);
        await LandingTestKit.ReportAndConfirm(app, county, id, LandingTestKit.Stage("signed", file, ("contractNumber", "鲁共建〔2026〕9号"), ("amount", 9000)));
        await LandingTestKit.ReportAndConfirm(app, county, id, LandingTestKit.Stage("started", file, ("permitNumber", "370102202612010009")));
        await LandingTestKit.ReportAndConfirm(app, county, id, LandingTestKit.Stage("fundsArrived", file, ("cumulativeFunds", 1200.5)));

        // The recount follows the history's write: official 1,200.5 to the lead; assessment 70:30.
        var after = await Polling.Eventually(() => CountyYearLedgerScenario.Reported(coordinator, year), r => r[Lead][0] != before[Lead][0], TimeSpan.FromSeconds(10));
        Assert.Equal(before[Lead][0] + 1200.5m, after[Lead][0]);
        Assert.Equal(before[Partner][0], after[Partner][0]);
        Assert.Equal(before[Lead][3] + 840.35m, after[Lead][3]);
        Assert.Equal(before[Partner][3] + 360.15m, after[Partner][3]);
        await CountyYearLedgerScenario.AssertSameAsReadingEveryAgreement(app, year);
    }
}
