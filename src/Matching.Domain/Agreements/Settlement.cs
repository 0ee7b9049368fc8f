using Matching.Domain.Validation;

namespace Matching.Domain.Agreements;

/// <summary>How one agreement year was settled, and by whom.</summary>
/// <param name="Year">The calendar year.</param>
/// <param name="Status">Due, paid or disputed.</param>
/// <param name="Note">What the party said (an amount paid, what is disputed).</param>
/// <param name="SetBy">The account that set it (a party's county account or a coordinator).</param>
/// <param name="SetAt">When.</param>
public sealed record Settlement(int Year, SettlementStatus Status, string Note, string SetBy, DateTimeOffset SetAt)
{
    /// <summary>A year nobody settled yet: due.</summary>
    public static Settlement Unset(int year) => new(year, SettlementStatus.Due, "", "", DateTimeOffset.MinValue);
}

/// <summary>A settlement as submitted.</summary>
public sealed record SettlementInput(SettlementStatus? Status, string? Note)
{
    /// <summary>Validates a year's settlement: the year must be in the agreement's term; a dispute says why.</summary>
    /// <exception cref="DomainValidationException">With every failing field.</exception>
    public Settlement Validate(Agreement agreement, int year, string setBy, DateTimeOffset setAt)
    {
        var errors = new FieldErrors();
        if (!agreement.Covers(year)) errors.Add("year", $"协议分享期为 {agreement.FirstYear}–{agreement.LastYear} 年，不含 {year} 年。");
        if (Status is null) errors.Add("status", "必填：due、paid 或 disputed。");
        var note = TextInput.Check(Note, "note", 500, errors, multiline: true);
        if (Status == SettlementStatus.Disputed && note.Length == 0) errors.Add("note", "提出异议须说明理由。");
        if (!errors.IsEmpty) throw new DomainValidationException(errors);
        return new Settlement(year, Status!.Value, note, setBy, setAt);
    }
}
