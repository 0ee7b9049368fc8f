using Matching.Domain.Escalation;

namespace Matching.Seeds.Tests;

/// <summary>The escalation rule file as shipped: it loads, and has one rule of every kind in force.</summary>
public sealed class EscalationRulesFileTests
{
    [Fact]
    public void The_shipped_escalation_rules_load_with_every_kind_in_force()
    {
        var rules = EscalationRules.Load(ShandongSeeds.DefaultPath);
        var today = new DateOnly(2026, 12, 2);
        foreach (var kind in Enum.GetValues<EscalationKind>()) Assert.NotNull(rules.InForce(kind, today));
        Assert.Equal(TimeSpan.FromDays(15), rules.TimeoutOn(today));
    }

    [Fact]
    public void A_misspelt_member_or_a_size_rule_without_a_threshold_is_refused()
    {
        const string template = """
            { "version": "t", "effectiveFrom": "2026-01-01", "source": "s", "rules": [
              { "id": "X", "kind": "sizeThreshold", "title": "t", "text": "t", "source": "s", "effectiveFrom": "2026-01-01", "parameters": { PARAMS } } ] }
            """;
        Assert.Throws<InvalidDataException>(() => EscalationRuleBook.Parse(template.Replace("PARAMS", "")));
        Assert.Throws<InvalidDataException>(() => EscalationRuleBook.Parse(template.Replace("PARAMS", "\"investmentWanYan\": 1")));
        Assert.NotNull(EscalationRuleBook.Parse(template.Replace("PARAMS", "\"investmentWanYuan\": 1")));
    }
}
