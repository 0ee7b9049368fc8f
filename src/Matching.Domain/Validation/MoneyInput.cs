namespace Matching.Domain.Validation;

/// <summary>
/// An amount in 万元 (10k CNY) as a form submits it: the one rule for every figure a county or a
/// coordinator reports (a landing stage's amounts, an agreement year's figures), so the same wrong
/// amount gets the same message wherever it is typed.
/// </summary>
public static class MoneyInput
{
    /// <summary>Checks an amount: present when <paramref name="required"/>, not below zero, not above <paramref name="max"/> when given.</summary>
    /// <param name="value">The amount as submitted.</param>
    /// <param name="field">The JSON field the message is filed under.</param>
    /// <param name="errors">Where a failure is added.</param>
    /// <param name="max">The largest plausible amount (a typo in the unit is the usual cause of more), or null for none.</param>
    /// <param name="required">False when the amount may be left out.</param>
    /// <returns>The amount when it passes, else null.</returns>
    public static decimal? Check(decimal? value, string field, FieldErrors errors, decimal? max = null, bool required = true)
    {
        if (value is null)
        {
            if (required) errors.Add(field, "必填：金额（万元）。");
        }
        else if (value < 0) errors.Add(field, "金额（万元）不能小于 0。");
        else if (value > max) errors.Add(field, $"金额不能超过 {max} 万元（请确认单位为万元）。");
        else return value;
        return null;
    }
}
