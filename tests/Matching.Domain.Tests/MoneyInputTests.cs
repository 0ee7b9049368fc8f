using Matching.Domain.Agreements;
using Matching.Domain.Landing;
using Matching.Domain.Validation;

namespace Matching.Domain.Tests;

/// <summary>Every form that takes an amount in 万元 checks it by the one rule, with the one message.</summary>
public sealed class MoneyInputTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static IDictionary<string, string[]> Errors(Action validate) =>
        Assert.Throws<DomainValidationException>(validate).Errors.ToDictionary();

    [Fact]
    public void A_negative_amount_gets_the_same_message_on_a_signing_report_and_on_an_agreement_year()
    {
        var landing = Errors(() => new LandingReportInput(LandingStage.Signed, Today, ContractNumber: "鲁〔2026〕1号", Amount: -1, AttachmentIds: [Guid.NewGuid()])
            .Validate(LandingProgress.None, Today));
        var year = Errors(() => new YearFiguresInput(null, -1, null, "县统计局年报").Validate(2026, "coordinator"));

        Assert.Equal(["金额（万元）不能小于 0。"], landing["amount"]);
        Assert.Equal(landing["amount"], year["outputValue"]);
    }

    [Fact]
    public void An_amount_is_required_unless_optional_and_bounded_only_when_a_bound_is_given()
    {
        var errors = new FieldErrors();
        Assert.Null(MoneyInput.Check(null, "amount", errors));
        Assert.Null(MoneyInput.Check(null, "optional", errors, required: false));
        Assert.Null(MoneyInput.Check(101, "bounded", errors, max: 100));
        Assert.Equal(1e9m, MoneyInput.Check(1e9m, "unbounded", errors));
        Assert.Equal(0m, MoneyInput.Check(0, "zero", errors, max: 100));

        var failed = errors.ToDictionary();
        Assert.Equal(["amount", "bounded"], failed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["必填：金额（万元）。"], failed["amount"]);
    }
}
