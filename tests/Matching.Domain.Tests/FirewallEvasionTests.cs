using Matching.Domain.Compliance;
using Matching.Domain.Counties;
using Matching.Seeds;

namespace Matching.Domain.Tests;

/// <summary>
/// The ways an official can write a banned offer so that a byte-for-byte filter misses it, one class at a
/// time, each against the real rule file: what is still the same offer is rejected under the right rule,
/// and what only looks alike still passes.
/// </summary>
public sealed class FirewallEvasionTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly Lazy<Firewall> Shared = new(() => new Firewall(FairCompetitionRules.Load(ShandongSeeds.DefaultPath)));

    private static Bid Offer(string note = "", string commitments = "", params string[] partners) =>
        new("370102", "S377001", 300, 20_000, 12, 35, commitments, note, partners);

    private static FirewallVerdict Check(Bid bid) => Shared.Value.Evaluate(bid, new BidContext(new Figure(30m, FigureSource.County), []), Today);

    private static void AssertRejectedBy(string ruleId, string note)
    {
        var verdict = Check(Offer(note: note));
        Assert.True(verdict.Violations.Any(v => v.RuleId == ruleId && v.Field == "note"),
            $"“{note}” should break {ruleId}; got: {string.Join(" ", verdict.Violations.Select(v => v.RuleId))}");
    }

    private static void AssertPasses(string text)
    {
        var verdict = Check(Offer(note: text, commitments: text));
        Assert.False(verdict.IsRejected, string.Join(" ", verdict.Violations.Select(v => v.Message)));
    }

    /// <summary>
    /// The matcher keeps the last few texts it folded on a thread: a text read again after others (and
    /// others read between two reads of it) gets the verdict it gets alone.
    /// </summary>
    [Fact]
    public void A_text_read_again_after_others_gets_the_same_verdict()
    {
        const string offer = "给予税 收「返 还」";
        var first = Check(Offer(note: offer));
        foreach (var other in new[] { "专班服务", "代办审批手续", "ＴＡＸ ＲＥＢＡＴＥ", "土地出让金返还", "配套人才公寓", "先征后返" })
            Check(Offer(note: other, commitments: other + "，专班服务"));
        var again = Check(Offer(note: offer));

        Assert.True(first.IsRejected);
        Assert.Equal(first.Violations.Select(v => (v.RuleId, v.Field, v.Message)), again.Violations.Select(v => (v.RuleId, v.Field, v.Message)));
        AssertPasses("专班服务，代办审批手续");
        Assert.Contains(Check(Offer(note: "土地出让金返还")).Violations, v => v.Field == "note");
    }

    /// <summary>Letters, digits, kana, symbols or emoji dropped inside a phrase.</summary>
    [Theory]
    [InlineData("FC-TAX-REBATE", "给予税x收返还")]
    [InlineData("FC-TAX-REBATE", "给予税1收返还")]
    [InlineData("FC-TAX-REBATE", "给予税ab收返还")]
    [InlineData("FC-TAX-REBATE", "给予税の收返还")]
    [InlineData("FC-TAX-REBATE", "给予税★收返😀还")]
    [InlineData("FC-TAX-REBATE", "给予税\u0301收返还")]
    [InlineData("FC-RENT-FREE", "厂房免x租三年")]
    [InlineData("FC-TAX-FOR-INVESTMENT", "坚持以税2招商")]
    public void Filler_inside_a_phrase_does_not_hide_it(string ruleId, string note) => AssertRejectedBy(ruleId, note);

    /// <summary>An enumeration comma or other in-word punctuation splitting one phrase.</summary>
    [Theory]
    [InlineData("FC-TAX-REBATE", "给予税收、返还")]
    [InlineData("FC-TAX-REBATE", "给予税收·返还")]
    [InlineData("FC-TAX-REBATE", "给予税收/返还")]
    [InlineData("FC-ZERO-LAND-PRICE", "可零、地价")]
    public void Punctuation_inside_a_phrase_does_not_hide_it(string ruleId, string note) => AssertRejectedBy(ruleId, note);

    /// <summary>Japanese, traditional and look-alike characters for the same word.</summary>
    [Theory]
    [InlineData("FC-TAX-REBATE", "给予税収返还")]
    [InlineData("FC-TAX-REBATE", "给予稅收返還")]
    [InlineData("FC-ZERO-LAND-PRICE", "零地価")]
    [InlineData("FC-TAX-LINKED-AWARD", "按纳税额给予奨励")]
    [InlineData("FC-TAX-REBATE", "tаx rebate")] // Cyrillic а
    [InlineData("FC-TAX-REBATE", "ＴＡＸ　ＲＥＢＡＴＥ")]
    public void Variant_characters_do_not_hide_a_phrase(string ruleId, string note) => AssertRejectedBy(ruleId, note);

    /// <summary>One phrase split across free-text fields (commitments, note, chain partners).</summary>
    [Fact]
    public void A_phrase_split_over_two_fields_is_found_and_named_on_both()
    {
        var verdict = Check(Offer(commitments: "给予税收", note: "返还"));

        var violations = verdict.Violations.Where(v => v.RuleId == "FC-TAX-REBATE").ToArray();
        Assert.Equal(["commitments", "note"], violations.Select(v => v.Field));
        Assert.All(violations, v => Assert.Contains("服务承诺与备注", v.Message));

        var partners = Check(Offer(partners: ["零", "地价"]));
        Assert.Equal(["localChainPartners[0]", "localChainPartners[1]"], partners.Violations.Where(v => v.RuleId == "FC-ZERO-LAND-PRICE").Select(v => v.Field));
    }

    [Fact]
    public void Fields_that_merely_end_and_begin_with_related_words_are_not_joined_across_a_sentence()
    {
        AssertPasses("依法纳税。返还押金及时");
        Assert.False(Check(Offer(commitments: "提供税收政策咨询。", note: "押金返还及时")).IsRejected);
    }

    /// <summary>Pinyin, with or without tone marks and spaces.</summary>
    [Theory]
    [InlineData("FC-TAX-REBATE", "可享受 shuishou fanhuan")]
    [InlineData("FC-TAX-REBATE", "可享受 shuìshōu fǎnhuán")]
    [InlineData("FC-TAX-REBATE", "SHUI-SHOU-FAN-HUAN")]
    [InlineData("FC-ZERO-LAND-PRICE", "ling di jia")]
    [InlineData("FC-RENT-FREE", "mian zu san nian")]
    [InlineData("FC-COLLECT-THEN-REFUND", "xian zheng hou fan")]
    public void Pinyin_does_not_hide_a_phrase(string ruleId, string note) => AssertRejectedBy(ruleId, note);

    /// <summary>English.</summary>
    [Theory]
    [InlineData("FC-TAX-REBATE", "we offer a tax rebate of 50%")]
    [InlineData("FC-TAX-REBATE", "Tax refunds for three years")]
    [InlineData("FC-RENT-FREE", "rent-free workshops")]
    [InlineData("FC-ZERO-LAND-PRICE", "zero land price")]
    [InlineData("FC-ZERO-LAND-PRICE", "free land for the project")]
    [InlineData("FC-LOCAL-REGISTRATION", "must register locally")]
    public void English_does_not_hide_a_phrase(string ruleId, string note) => AssertRejectedBy(ruleId, note);

    [Theory]
    [InlineData("syntax rebate checker")]
    [InlineData("current freeze on hiring")]
    [InlineData("a carefree landscape")]
    public void English_words_match_as_words(string text) => AssertPasses(text);

    /// <summary>The same offer in other words.</summary>
    [Theory]
    [InlineData("FC-RENT-FREE", "头三年不收租金")]
    [InlineData("FC-RENT-FREE", "前两年不收取厂房租金")]
    [InlineData("FC-RENT-FREE", "免三年租金")]
    [InlineData("FC-RENT-FREE", "租金前三年为零")]
    [InlineData("FC-ZERO-LAND-PRICE", "土地价格为零")]
    [InlineData("FC-ZERO-LAND-PRICE", "出让地价按零计")]
    [InlineData("FC-ZERO-LAND-PRICE", "无偿划拨工业用地")]
    [InlineData("FC-TAX-LINKED-AWARD", "按缴税额度奖励企业")]
    [InlineData("FC-TAX-LINKED-AWARD", "按照亩均税收给予奖励")]
    [InlineData("FC-TAX-LINKED-AWARD", "扶持资金与纳税额挂钩")]
    [InlineData("FC-TAX-REBATE", "税收增量部分返还企业")]
    [InlineData("FC-TAX-REBATE", "已缴税款退还企业")]
    public void A_paraphrase_of_a_banned_offer_is_found(string ruleId, string note) => AssertRejectedBy(ruleId, note);

    /// <summary>A negation excuses a phrase; a negated negation does not.</summary>
    [Theory]
    [InlineData("FC-TAX-REBATE", "并非不提供税收返还")]
    [InlineData("FC-TAX-REBATE", "不是不提供税收返还")]
    [InlineData("FC-TAX-REBATE", "不得不给予税收返还")]
    [InlineData("FC-ZERO-LAND-PRICE", "没有不承诺零地价的")]
    [InlineData("FC-TAX-REBATE", "并非不提供税x收、返还")]
    public void A_double_negative_is_an_offer(string ruleId, string note) => AssertRejectedBy(ruleId, note);

    [Theory]
    [InlineData("我县不提供税收返还")]
    [InlineData("并不提供税收返还")]
    [InlineData("绝不搞税收返还")]
    [InlineData("坚决杜绝先征后返")]
    [InlineData("既不要求在本地注册，也不提供税收返还")]
    [InlineData("不搞税收、返还")]
    public void A_plain_negation_still_excuses(string text) => AssertPasses(text);

    /// <summary>What only resembles a banned offer.</summary>
    [Theory]
    [InlineData("园区内有 12 家上下游企业，年纳税超亿元的 3 家")]
    [InlineData("落实国家出口退税政策，依法依规办理")]
    [InlineData("提供税收政策咨询，押金返还及时")]
    [InlineData("标准厂房租赁价格按市场评估确定")]
    [InlineData("园区有本地已注册的配套企业 30 家")]
    [InlineData("土地出让金按合同分期缴纳，竞买保证金按规定退还")]
    [InlineData("2号厂房3层可租")]
    public void Look_alikes_pass(string text) => AssertPasses(text);
}
