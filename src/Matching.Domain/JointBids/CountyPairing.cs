using Matching.Domain.Geography;
using Matching.Domain.Validation;

namespace Matching.Domain.JointBids;

/// <summary>What ties counties together for joint work.</summary>
public enum PairingKind
{
    /// <summary>强弱县结对: a strong county (listed first) paired with a weaker one.</summary>
    StrongWeak,
    /// <summary>A group of neighbouring counties integrating (相邻县协同).</summary>
    NeighbourGroup,
}

/// <summary>A pairing as a provincial coordinator submits it.</summary>
/// <param name="Kind">strongWeak or neighbourGroup.</param>
/// <param name="Counties">The counties: the strong one first for strongWeak (exactly two); two or more for a group.</param>
/// <param name="Reason">Why they are paired.</param>
/// <param name="Notice">The notice (文件) that paired them, e.g. 鲁政办字〔2024〕12号.</param>
public sealed record PairingInput(PairingKind? Kind, IReadOnlyList<string>? Counties, string? Reason, string? Notice)
{
    /// <summary>Most counties in one neighbour group.</summary>
    public const int MostCounties = 12;

    /// <summary>Validates the pairing.</summary>
    /// <exception cref="DomainValidationException">With every failing field.</exception>
    public CountyPairing Validate(Province province, string id, string editedBy, DateTimeOffset at)
    {
        var errors = new FieldErrors();
        if (Kind is null) errors.Add("kind", "必填：strongWeak（强弱县结对）或 neighbourGroup（相邻县协同）。");
        var counties = (Counties ?? []).Select(c => c?.Trim() ?? "").ToArray();
        for (var i = 0; i < counties.Length; i++)
            if (!province.HasCounty(counties[i])) errors.Add($"counties[{i}]", $"“{FieldErrors.Quote(counties[i])}”不是山东省县级行政区代码。");
        if (counties.Distinct().Count() != counties.Length) errors.Add("counties", "同一县不能出现两次。");
        if (Kind == PairingKind.StrongWeak && counties.Length != 2) errors.Add("counties", "强弱县结对须为两个县：强县在前、弱县在后。");
        if (Kind == PairingKind.NeighbourGroup && counties.Length is < 2 or > MostCounties) errors.Add("counties", $"相邻县协同须有 2 到 {MostCounties} 个县。");
        var reason = TextInput.Check(Reason, "reason", 500, errors, required: true, multiline: true);
        var notice = TextInput.Check(Notice, "notice", 200, errors, required: true);
        if (!errors.IsEmpty) throw new DomainValidationException(errors);
        return new CountyPairing(id, Kind!.Value, counties, reason, notice, editedBy, at);
    }
}

/// <summary>A pairing of counties, kept as data a provincial coordinator edits: who, when, why, from which notice.</summary>
/// <param name="Id">The pairing's id.</param>
/// <param name="Kind">Strong–weak pair or neighbour group.</param>
/// <param name="Counties">The counties, the strong one first for a pair.</param>
/// <param name="Reason">Why they are paired.</param>
/// <param name="Notice">The notice that paired them.</param>
/// <param name="EditedBy">The coordinator who made this version.</param>
/// <param name="EditedAt">When.</param>
/// <param name="Version">The version in force (1 for a new pairing; every earlier one is kept as a <see cref="PairingVersion"/> row).</param>
public sealed record CountyPairing(
    string Id, PairingKind Kind, IReadOnlyList<string> Counties, string Reason, string Notice, string EditedBy, DateTimeOffset EditedAt, long Version = 1)
{
    /// <summary>This pairing as the version row of a change.</summary>
    public PairingVersion AsVersion(PairingChange change) => new(Id, Version, change, Kind, Counties, Reason, Notice, EditedBy, EditedAt);

    /// <summary>The other counties of the pairing, for a county in it.</summary>
    public IEnumerable<string> PartnersOf(string county) => Counties.Contains(county) ? Counties.Where(c => c != county) : [];
}

/// <summary>What a change did to a pairing.</summary>
public enum PairingChange
{
    /// <summary>The pairing was made.</summary>
    Added,
    /// <summary>Its counties, reason or notice were replaced.</summary>
    Changed,
    /// <summary>It was ended (the counties are no longer paired).</summary>
    Ended,
}

/// <summary>Why a provincial coordinator ends a pairing, and from which notice.</summary>
public sealed record PairingEndInput(string? Reason, string? Notice)
{
    /// <summary>The trimmed reason and notice.</summary>
    /// <exception cref="DomainValidationException">With every failing field.</exception>
    public (string Reason, string Notice) Validate()
    {
        var errors = new FieldErrors();
        var reason = TextInput.Check(Reason, "reason", 500, errors, required: true, multiline: true);
        var notice = TextInput.Check(Notice, "notice", 200, errors, required: true);
        if (!errors.IsEmpty) throw new DomainValidationException(errors);
        return (reason, notice);
    }
}

/// <summary>One version of a pairing as it was stored: what changed, the pairing then, who, when, why and from which notice.</summary>
/// <param name="PairingId">The pairing.</param>
/// <param name="Version">1 for the first, one more for each change.</param>
/// <param name="Change">What this version did.</param>
/// <param name="Kind">The pairing's kind.</param>
/// <param name="Counties">Its counties (the strong one first for a strong–weak pair).</param>
/// <param name="Reason">Why (for an end: why it ended).</param>
/// <param name="Notice">The notice behind the change.</param>
/// <param name="By">The coordinator's account.</param>
/// <param name="At">When.</param>
public sealed record PairingVersion(
    string PairingId, long Version, PairingChange Change, PairingKind Kind, IReadOnlyList<string> Counties, string Reason, string Notice, string By, DateTimeOffset At);
