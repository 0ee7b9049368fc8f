using Matching.Domain.Compliance;
using Matching.Domain.Counties;
using Matching.Domain.Validation;
using Matching.Seeds;

namespace Matching.Domain.Tests;

public sealed class ComplianceTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly Lazy<RuleBook> Rules = new(() => FairCompetitionRules.Load(ShandongSeeds.DefaultPath));
    private static readonly Lazy<Firewall> Shared = new(() => new Firewall(Rules.Value));

    private static RuleBook Book => Rules.Value;

    private static Firewall Wall => Shared.Value;

    private static readonly Figure Floor = new(30m, FigureSource.County);

    private static Bid Offer(string note = "", string commitments = "", decimal landMu = 300, decimal? landPrice = 35, params string[] partners) =>
        new("370102", landMu > 0 ? "S377001" : null, landMu, 20_000, 12, landPrice, commitments, note, partners);

    private static FirewallVerdict Check(Bid bid, BidContext? context = null, DateOnly? on = null) =>
        Wall.Evaluate(bid, context ?? new BidContext(Floor, []), on ?? Today);

    // ---- the rule file ----

    [Fact]
    public void The_rule_file_loads_with_every_kind_and_a_source_for_each_rule()
    {
        Assert.False(string.IsNullOrWhiteSpace(Book.Version));
        Assert.Empty(Book.Problems());
        Assert.Equal(Enum.GetValues<RuleKind>().Order(), Book.Rules.Select(r => r.Kind).Distinct().Order());
        Assert.All(Book.Rules, r =>
        {
            Assert.Contains("《", r.Source);
            Assert.False(string.IsNullOrWhiteSpace(r.Title));
            Assert.False(string.IsNullOrWhiteSpace(r.Text));
        });
        Assert.Equal(Book.Rules.Count, Book.InForce(Today).Count);
    }

    // ---- banned phrases ----

    public static TheoryData<string, string> BannedPhrases() => new()
    {
        { "FC-TAX-REBATE", "地方留成部分给予税收返还" },
        { "FC-TAX-REBATE", "可享受税 收 返 还" },
        { "FC-TAX-REBATE", "税收「返还」比例另议" },
        { "FC-TAX-REBATE", "前三年返税 50%" },
        { "FC-TAX-REBATE", "税收全额返还" },
        { "FC-TAX-REBATE", "稅收返還（繁体）" },
        { "FC-TAX-REBATE", "税\u200B收返还" },
        { "FC-TAX-FOR-INVESTMENT", "坚持以税引商" },
        { "FC-TAX-FOR-INVESTMENT", "以 税 招 商，效果明显" },
        { "FC-TAX-FOR-INVESTMENT", "打造区域税收洼地" },
        { "FC-COLLECT-THEN-REFUND", "增值税先征后返" },
        { "FC-COLLECT-THEN-REFUND", "实行“先征后退”" },
        { "FC-COLLECT-THEN-REFUND", "即征即退，当月到账" },
        { "FC-COLLECT-THEN-REFUND", "即　征　即　返" },
        { "FC-TAX-LINKED-AWARD", "按纳税额的50%给予奖励" },
        { "FC-TAX-LINKED-AWARD", "财政奖励按纳税额计算" },
        { "FC-TAX-LINKED-AWARD", "按企业税收贡献给予扶持" },
        { "FC-TAX-LINKED-AWARD", "按 纳 税 额 给予补贴" },
        { "FC-TAX-LINKED-AWARD", "地方留成部分全额奖励企业" },
        { "FC-LAND-FEE-REFUND", "土地出让金返还" },
        { "FC-LAND-FEE-REFUND", "缴纳后返还土地出让金" },
        { "FC-LAND-FEE-REFUND", "土地出让金地方留成部分返还" },
        { "FC-LAND-FEE-REFUND", "土地出让金按 80% 奖励" },
        { "FC-ZERO-LAND-PRICE", "零地价供地" },
        { "FC-ZERO-LAND-PRICE", "０地价" },
        { "FC-ZERO-LAND-PRICE", "〇地价" },
        { "FC-ZERO-LAND-PRICE", "可 零 元 供 地" },
        { "FC-ZERO-LAND-PRICE", "免收土地出让金" },
        { "FC-RENT-FREE", "标准厂房前三年免租" },
        { "FC-RENT-FREE", "免收租金" },
        { "FC-RENT-FREE", "租金全免" },
        { "FC-RENT-FREE", "零租金入驻" },
        { "FC-RENT-FREE", "０租金" },
        { "FC-RENT-FREE", "免 租" },
    };

    [Theory]
    [MemberData(nameof(BannedPhrases))]
    public void A_banned_phrase_in_the_note_rejects_the_bid_naming_the_rule(string ruleId, string note)
    {
        var verdict = Check(Offer(note: $"我县全力支持项目建设，{note}，欢迎考察。"));

        Assert.True(verdict.IsRejected);
        var violation = Assert.Single(verdict.Violations, v => v.RuleId == ruleId);
        Assert.Equal("note", violation.Field);
        Assert.DoesNotContain(ruleId, violation.Message); // people read the rule by its name; the id stays in RuleId
        Assert.Contains(violation.RuleTitle, violation.Message);
        var phrase = Assert.Single(violation.Phrases);
        Assert.Contains(phrase, note);
        Assert.Contains($"“{phrase}”", violation.Message);
    }

    [Fact]
    public void The_quote_is_the_passage_as_written_with_its_spaces()
    {
        var violation = Assert.Single(Check(Offer(note: "可享受税 收 返 还。")).Violations);

        Assert.Equal(["税 收 返 还"], violation.Phrases);
    }

    [Theory]
    [InlineData("提供人才公寓和代办服务")]
    [InlineData("配套专用变电站，双回路供电")]
    [InlineData("协助办理工商注册登记、环评和能评手续")]
    [InlineData("落实国家出口退税政策，依法依规办理")]
    [InlineData("标准厂房租赁价格按市场评估确定")]
    [InlineData("园区内有 12 家上下游企业，年纳税超亿元的 3 家")]
    [InlineData("土地出让金按合同分期缴纳，竞买保证金按规定退还")]
    [InlineData("本县严格执行公平竞争审查，不搞税收返还、不承诺零地价、不要求在本地注册。")]
    [InlineData("严禁以税引商，杜绝先征后返")]
    [InlineData("提供税收政策咨询，押金返还及时")]
    public void Innocent_text_passes(string text)
    {
        var verdict = Check(Offer(note: text, commitments: text, partners: text));

        Assert.False(verdict.IsRejected, string.Join(" ", verdict.Violations.Select(v => v.Message)));
    }

    [Fact]
    public void A_negation_excuses_only_its_own_clause_and_a_bare_not_excuses_nothing()
    {
        var verdict = Check(Offer(note: "不搞税收返还，但按纳税额的 30% 奖励", commitments: "企业不在本地注册的，不予支持"));

        Assert.Equal(["FC-TAX-LINKED-AWARD", "FC-LOCAL-REGISTRATION"], verdict.Violations.Select(v => v.RuleId));
        Assert.Equal(["note", "commitments"], verdict.Violations.Select(v => v.Field));

        var split = Check(Offer(note: "不承诺，税收返还另议"));
        Assert.Equal("FC-TAX-REBATE", Assert.Single(split.Violations).RuleId);
    }

    [Fact]
    public void A_phrase_does_not_run_across_a_clause_break()
    {
        var verdict = Check(Offer(note: "给予税收返还，土地出让金按期缴纳"));

        var violation = Assert.Single(verdict.Violations);
        Assert.Equal("FC-TAX-REBATE", violation.RuleId);
        Assert.Equal(["税收返还"], violation.Phrases);
    }

    [Fact]
    public void A_phrase_found_inside_a_longer_one_is_quoted_once() =>
        Assert.Equal(["土地出让金返还"], Assert.Single(Check(Offer(note: "土地出让金返还")).Violations).Phrases);

    [Fact]
    public void Every_occurrence_in_a_field_is_quoted_in_one_violation()
    {
        var violation = Assert.Single(Check(Offer(note: "税收返还；另有返税")).Violations);

        Assert.Equal(["税收返还", "返税"], violation.Phrases);
    }

    [Fact]
    public void Chain_partners_are_scanned_and_named_by_position()
    {
        var verdict = Check(Offer(partners: ["某配套企业", "某物流公司（零租金入驻）"]));

        var violation = Assert.Single(verdict.Violations);
        Assert.Equal("FC-RENT-FREE", violation.RuleId);
        Assert.Equal("localChainPartners[1]", violation.Field);
        Assert.Contains("本地配套企业第 2 项", violation.Message);
    }

    [Fact]
    public void Any_free_text_can_be_scanned_with_the_same_rules()
    {
        var violations = Wall.Scan([new FreeText("reason", "理由", "该县承诺先征后返"), new FreeText("description", "项目简介", "年产 20 万辆")], Today);

        var violation = Assert.Single(violations);
        Assert.Equal(("FC-COLLECT-THEN-REFUND", "reason"), (violation.RuleId, violation.Field));
        Assert.StartsWith("理由中的“先征后返”", violation.Message);
    }

    // ---- land price floor ----

    [Theory]
    [InlineData(29.99, true)]
    [InlineData(30, false)]
    [InlineData(45, false)]
    public void Land_priced_below_the_county_floor_is_rejected(decimal price, bool rejected)
    {
        var verdict = Check(Offer(landPrice: price));

        Assert.Equal(rejected, verdict.IsRejected);
        if (!rejected) return;
        var violation = Assert.Single(verdict.Violations);
        Assert.Equal(("FC-LAND-PRICE-FLOOR", "landPrice"), (violation.RuleId, violation.Field));
        Assert.Contains("29.99 万元/亩", violation.Message);
        Assert.Contains("30 万元/亩", violation.Message);
        Assert.DoesNotContain("默认值", violation.Message);
        Assert.Empty(violation.Phrases);
    }

    [Fact]
    public void A_default_floor_says_so_in_the_message()
    {
        var verdict = Check(Offer(landPrice: 0), new BidContext(new Figure(4m, FigureSource.Default), []));

        Assert.Contains("默认值", Assert.Single(verdict.Violations).Message);
    }

    [Fact]
    public void Without_land_there_is_no_price_to_check()
    {
        var verdict = Check(Offer(landMu: 0, landPrice: null), new BidContext(new Figure(56m, FigureSource.Reference), []));

        Assert.False(verdict.IsRejected);
        Assert.Empty(verdict.Flags);
    }

    [Fact]
    public void A_county_without_a_floor_is_flagged_not_rejected()
    {
        var verdict = Check(Offer(landPrice: 1), BidContext.Unknown);

        Assert.False(verdict.IsRejected);
        var flag = Assert.Single(verdict.Flags);
        Assert.Equal("FC-LAND-PRICE-FLOOR", flag.RuleId);
        Assert.Null(flag.CountyToNotify);
    }

    [Theory]
    [InlineData(840, 56.0)]
    [InlineData(480, 32.0)]
    [InlineData(60, 4.0)]
    public void Grades_convert_from_yuan_per_square_metre_to_wan_yuan_per_mu(decimal yuanPerSquareMetre, double wanYuanPerMu)
    {
        Assert.Equal(wanYuanPerMu, (double)IndustrialLandPrice.WanYuanPerMu(yuanPerSquareMetre), 3);
        // The same figure computed with the rounded 666.7 m² per 亩 of the brief.
        Assert.Equal((double)yuanPerSquareMetre * 666.7 / 10_000, (double)IndustrialLandPrice.WanYuanPerMu(yuanPerSquareMetre), 2);
        Assert.Equal(yuanPerSquareMetre, IndustrialLandPrice.YuanPerSquareMetre(IndustrialLandPrice.WanYuanPerMu(yuanPerSquareMetre)), 10);
    }

    [Fact]
    public void The_rule_book_gives_the_floor_of_each_of_the_fifteen_grades()
    {
        Assert.Equal(56.0, (double)Book.MinimumLandPrice(1, Today), 3);
        Assert.Equal(4.0, (double)Book.MinimumLandPrice(15, Today), 3);
        var floors = Enumerable.Range(1, 15).Select(g => Book.MinimumLandPrice(g, Today)).ToArray();
        Assert.Equal(floors.OrderDescending(), floors);
        Assert.Throws<ArgumentOutOfRangeException>(() => Book.MinimumLandPrice(16, Today));
        Assert.Throws<ArgumentOutOfRangeException>(() => Book.MinimumLandPrice(0, Today));
    }

    // ---- registration condition ----

    [Theory]
    [InlineData("须将注册地迁入我县")]
    [InlineData("须在本地注册独立法人公司")]
    [InlineData("在 本 县 注 册")]
    [InlineData("统计关系迁入本区")]
    [InlineData("产值纳入本地统计")]
    [InlineData("纳入本县规上统计")]
    [InlineData("税收留在本地")]
    [InlineData("须在本地设立独立核算的子公司")]
    [InlineData("在我县依法纳税满五年")]
    public void A_condition_to_register_or_report_locally_is_rejected(string text)
    {
        var verdict = Check(Offer(commitments: text));

        var violation = Assert.Single(verdict.Violations);
        Assert.Equal(("FC-LOCAL-REGISTRATION", "commitments"), (violation.RuleId, violation.Field));
        // People read the rule's name; its id stays in RuleId for audits.
        Assert.DoesNotContain("FC-LOCAL-REGISTRATION", violation.Message);
        Assert.Contains($"「{violation.RuleTitle}」", violation.Message);
        Assert.Contains("服务承诺", violation.Message);
    }

    // ---- relocation ----

    [Fact]
    public void An_investor_operating_in_another_county_is_flagged_for_that_county_and_not_rejected()
    {
        var context = new BidContext(Floor, [new("371302", "临沂市兰山区"), new("370102", "济南市历下区"), new("320102", "南京市玄武区")]);

        var verdict = Check(Offer(), context);

        Assert.False(verdict.IsRejected);
        var flag = Assert.Single(verdict.Flags);
        Assert.Equal(("FC-RELOCATION-NOTICE", "371302"), (flag.RuleId, flag.CountyToNotify));
        Assert.Contains("临沂市兰山区", flag.Message);
    }

    [Fact]
    public void An_investor_only_in_the_bidding_county_is_not_a_relocation() =>
        Assert.Empty(Check(Offer(), new BidContext(Floor, [new("370102", "济南市历下区")])).Flags);

    // ---- everything together ----

    [Fact]
    public void Every_violated_rule_is_reported_with_its_field_and_flags_travel_with_them()
    {
        var bid = Offer(
            note: "给予税收返还",
            commitments: "要求统计关系迁入；零地价",
            landPrice: 10,
            partners: ["某园区运营公司：厂房免租"]);

        var verdict = Check(bid, new BidContext(Floor, [new("370211", "青岛市黄岛区")]));

        Assert.True(verdict.IsRejected);
        Assert.Equal(
            [
                ("FC-TAX-REBATE", "note"),
                ("FC-ZERO-LAND-PRICE", "commitments"),
                ("FC-RENT-FREE", "localChainPartners[0]"),
                ("FC-LAND-PRICE-FLOOR", "landPrice"),
                ("FC-LOCAL-REGISTRATION", "commitments"),
            ],
            verdict.Violations.Select(v => (v.RuleId, v.Field)));
        Assert.Equal("370211", Assert.Single(verdict.Flags).CountyToNotify);
        Assert.Equal(Book.Version, verdict.RuleBookVersion);

        var errors = verdict.ToFieldErrors().ToDictionary();
        Assert.Equal(2, errors["commitments"].Length);
        Assert.Equal(["commitments", "landPrice", "localChainPartners[0]", "note"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_clean_bid_passes_with_no_flags()
    {
        var verdict = Check(Offer(note: "提供人才公寓和代办服务", commitments: "配套专用变电站"));

        Assert.False(verdict.IsRejected);
        Assert.Empty(verdict.Violations);
        Assert.Empty(verdict.Flags);
    }

    // ---- versioning ----

    private static Firewall With(Func<FairCompetitionRule, FairCompetitionRule> edit, string ruleId) =>
        new(Book with { Rules = Book.Rules.Select(r => r.Id == ruleId ? edit(r) : r).ToArray() });

    [Fact]
    public void A_rule_effective_in_the_future_is_not_applied()
    {
        var wall = With(r => r with { EffectiveFrom = Today.AddDays(1) }, "FC-TAX-REBATE");

        Assert.False(wall.Evaluate(Offer(note: "税收返还"), new BidContext(Floor, []), Today).IsRejected);
        Assert.True(wall.Evaluate(Offer(note: "税收返还"), new BidContext(Floor, []), Today.AddDays(1)).IsRejected);
    }

    [Fact]
    public void A_rule_whose_period_ended_is_not_applied_and_its_last_day_still_counts()
    {
        var wall = With(r => r with { EffectiveTo = Today.AddDays(-1) }, "FC-LAND-PRICE-FLOOR");
        var cheap = Offer(landPrice: 1);

        Assert.False(wall.Evaluate(cheap, new BidContext(Floor, []), Today).IsRejected);
        Assert.True(wall.Evaluate(cheap, new BidContext(Floor, []), Today.AddDays(-1)).IsRejected);
    }

    [Fact]
    public void A_new_version_of_a_rule_takes_over_on_its_date()
    {
        var old = Book.Rules.Single(r => r.Id == "FC-RENT-FREE");
        var cutover = new DateOnly(2027, 1, 1);
        var book = Book with
        {
            Version = "test.2",
            Rules =
            [
                old with { EffectiveTo = cutover.AddDays(-1) },
                old with { EffectiveFrom = cutover, Parameters = new RuleParameters { Phrases = ["租金优惠"] } },
            ],
        };
        var wall = new Firewall(book);

        Assert.True(wall.Evaluate(Offer(note: "免租"), BidContext.Unknown, Today).IsRejected);
        Assert.False(wall.Evaluate(Offer(note: "免租"), BidContext.Unknown, cutover).IsRejected);
        Assert.True(wall.Evaluate(Offer(note: "租金优惠"), BidContext.Unknown, cutover).IsRejected);
        Assert.Equal("test.2", wall.Evaluate(Offer(), BidContext.Unknown, cutover).RuleBookVersion);
    }

    [Fact]
    public void An_exception_lets_a_lawful_phrase_through_without_excusing_the_rest()
    {
        var wall = With(r => r with { Parameters = r.Parameters with { Exceptions = ["即征即退政策咨询"] } }, "FC-COLLECT-THEN-REFUND");

        Assert.False(wall.Evaluate(Offer(note: "提供即征即退政策咨询"), BidContext.Unknown, Today).IsRejected);
        Assert.True(wall.Evaluate(Offer(note: "提供即征即退政策咨询；另行即征即退"), BidContext.Unknown, Today).IsRejected);
    }

    [Theory]
    [InlineData("""{"version":"x","effectiveFrom":"2025-01-01","source":"s","rules":[{"id":"A","kind":"bannedPhrase","title":"t","text":"t","source":"s","effectiveFrom":"2025-01-01","parameters":{"phrases":["甲"]}},{"id":"A","kind":"bannedPhrase","title":"t","text":"t","source":"s","effectiveFrom":"2025-06-01","parameters":{"phrases":["乙"]}}]}""", "overlap")]
    [InlineData("""{"version":"x","effectiveFrom":"2025-01-01","source":"s","rules":[{"id":"A","kind":"taxHoliday","title":"t","text":"t","source":"s","effectiveFrom":"2025-01-01","parameters":{}}]}""", "kind")]
    [InlineData("""{"version":"x","effectiveFrom":"2025-01-01","source":"s","rules":[{"id":"A","kind":"bannedPhrase","title":"t","text":"t","source":"s","effectiveFrom":"2025-01-01","effectivTo":"2025-02-01","parameters":{"phrases":["甲"]}}]}""", "effectivTo")]
    [InlineData("""{"version":"x","effectiveFrom":"2025-01-01","source":"s","rules":[{"id":"A","kind":"bannedPhrase","title":"t","text":"t","source":"s","effectiveFrom":"2025-01-01","parameters":{"phrases":[]}}]}""", "phrases")]
    [InlineData("""{"version":"x","effectiveFrom":"2025-01-01","source":"s","rules":[{"id":"A","kind":"landPriceFloor","title":"t","text":"t","source":"s","effectiveFrom":"2025-01-01","parameters":{"gradesYuanPerSquareMetre":[60,840]}}]}""", "grades")]
    [InlineData("""{"version":"x","effectiveFrom":"2025-01-01","source":"s","negations":["不"],"rules":[{"id":"A","kind":"bannedPhrase","title":"t","text":"t","source":"s","effectiveFrom":"2025-01-01","parameters":{"phrases":["甲"]}}]}""", "negations")]
    public void A_rule_set_the_firewall_could_not_apply_faithfully_does_not_load(string json, string named)
    {
        var error = Assert.Throws<InvalidDataException>(() => RuleBook.Parse(json));

        Assert.Contains(named, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    // ---- the bid's own figures ----

    private static string ParkOf(string county) => Samples.Province.ParksIn(county).First().Id;

    private static BidInput Input() => new()
    {
        County = "370102",
        ParkId = ParkOf("370102"),
        LandMu = 300,
        EnergyTce = 20_000,
        DeliveryMonths = 12,
        LandPrice = 30,
        Commitments = "代办服务",
        Note = "",
        LocalChainPartners = ["某零部件有限公司"],
    };

    [Fact]
    public void A_sound_bid_validates()
    {
        var bid = Input().Validate(Samples.Province);

        Assert.Equal(("370102", 300m, 30m), (bid.County, bid.LandMu, bid.LandPrice));
        Assert.Equal(["某零部件有限公司"], bid.LocalChainPartners);
    }

    public static TheoryData<string, BidInput> BadBids() => new()
    {
        { "county", Input() with { County = null } },
        { "county", Input() with { County = "370181" } },
        { "landMu", Input() with { LandMu = -1 } },
        { "landMu", Input() with { LandMu = 100_001 } },
        { "energyTce", Input() with { EnergyTce = -0.5m } },
        { "energyTce", Input() with { EnergyTce = null } },
        { "deliveryMonths", Input() with { DeliveryMonths = 0 } },
        { "deliveryMonths", Input() with { DeliveryMonths = 121 } },
        { "deliveryMonths", Input() with { DeliveryMonths = null } },
        { "landPrice", Input() with { LandPrice = -1 } },
        { "landPrice", Input() with { LandPrice = 300_000 } },
        { "landPrice", Input() with { LandPrice = null } },
        { "parkId", Input() with { ParkId = null } },
        { "parkId", Input() with { ParkId = "nowhere" } },
        { "parkId", Input() with { ParkId = ParkOf("370211") } },
        { "note", Input() with { Note = new string('字', 2001) } },
        { "localChainPartners[1]", Input() with { LocalChainPartners = ["甲", " "] } },
    };

    [Theory]
    [MemberData(nameof(BadBids))]
    public void A_bid_with_impossible_figures_is_rejected_on_the_field(string field, BidInput input)
    {
        var error = Assert.Throws<DomainValidationException>(() => input.Validate(Samples.Province));

        var messages = error.Errors.ToDictionary();
        Assert.Equal([field], messages.Keys);
        Assert.All(messages[field], m => Assert.False(string.IsNullOrWhiteSpace(m)));
    }

    [Fact]
    public void Without_land_neither_park_nor_price_is_needed()
    {
        var bid = (Input() with { LandMu = 0, ParkId = null, LandPrice = null }).Validate(Samples.Province);

        Assert.Null(bid.LandPrice);
        Assert.False(Check(bid).IsRejected);
    }
}
