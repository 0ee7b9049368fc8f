using System.Globalization;
using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Domain.Validation;

namespace Matching.Domain.Parks;

/// <summary>A park's available land as its county declares it (or a coordinator sets it), 亩.</summary>
/// <param name="AvailableLandMu">Land available for new projects, 亩 (0 to 1,000,000).</param>
public sealed record ParkLandInput(decimal? AvailableLandMu = null)
{
    /// <summary>The most a park can declare, 亩 (about 667 km²: more than any park of the province).</summary>
    public const decimal MaxMu = 1_000_000m;

    /// <summary>
    /// The park's profile with the land set: a county's value is self-declared over the value in force (the same value
    /// as in force changes nothing and withdraws a pending one); a coordinator's is in force at once. Never below
    /// <paramref name="reserved"/>: what awarded projects hold would exceed the land.
    /// </summary>
    /// <exception cref="DomainValidationException">The value is missing, out of range, or below what is reserved.</exception>
    public ParkProfile ApplyTo(ParkProfile current, FigureSource editor, decimal reserved)
    {
        var errors = new FieldErrors();
        if (AvailableLandMu is not { } mu) errors.Add(ParkLand.Field, "须填写园区可用土地（亩）。");
        else if (mu < 0 || mu > MaxMu) errors.Add(ParkLand.Field, $"园区可用土地须在 0 到 {MaxMu:N0} 亩之间。");
        else if (mu < reserved) errors.Add(ParkLand.Field, $"园区可用土地不能低于已为获统筹项目预留的 {ParkLand.Mu(reserved)}。");
        if (!errors.IsEmpty) throw new DomainValidationException(errors);

        var land = editor == FigureSource.County ? Figure.Declare(AvailableLandMu!.Value, current.AvailableLandMu) : new Figure(AvailableLandMu!.Value, editor);
        return current with { AvailableLandMu = land };
    }
}

/// <summary>
/// Self-declared versus verified for a park's available land: a county's value waits in the coordinators'
/// verification queue (with its county's declared evidence and figures, under <see cref="ItemId"/>) until a
/// coordinator verifies or rejects it; meanwhile matching and reservations use the value in force.
/// </summary>
public static class ParkLand
{
    /// <summary>The field, as the API names it.</summary>
    public const string Field = "availableLandMu";

    /// <summary>The id prefix of a park's land in its county's verification queue.</summary>
    public const string Prefix = "park.";

    /// <summary>The queue id of a park's land: <c>park.{id}</c>.</summary>
    public static string ItemId(string parkId) => Prefix + parkId;

    /// <summary>What a pending declaration says, in Chinese as the queue shows it, with the value in force beside it.</summary>
    public static string Statement(Park park)
    {
        var land = park.Profile.AvailableLandMu;
        var was = land.Before is { } before ? $"（现行核定值 {Mu(before.Value)}）" : "（此前无核定值）";
        return $"园区用地：{park.Reference.Name}自报可用土地 {Mu(land.Value)}{was}";
    }

    /// <summary>What a set that left nothing pending did (a coordinator's value, or the county's withdrawal), in Chinese as the audit shows it.</summary>
    public static string SetStatement(Park before, Park after) =>
        $"园区用地：{after.Reference.Name}可用土地 {FigureWords.Of(before.Profile.AvailableLandMu, " 亩")} → {FigureWords.Of(after.Profile.AvailableLandMu, " 亩")}";

    /// <summary>The audit's name for a set that left nothing pending: a coordinator's value, or the county's withdrawal of its declaration.</summary>
    public static EvidenceAction SetAction(FigureSource editor) => editor == FigureSource.County ? EvidenceAction.Withdrawn : EvidenceAction.Set;

    /// <summary>A pending declaration as a queue item (kind <see cref="EvidenceKind.CountyFigure"/>, not weighed).</summary>
    public static DeclaredEvidence QueueItem(Park park, string actor, DateTimeOffset at) => new(
        ItemId(park.Id),
        new EvidenceItem(EvidenceKind.CountyFigure, Statement(park), at.ToOffset(TimeSpan.FromHours(8)).Year, [], "县级申报（园区可用土地）", SelfDeclared: true),
        EvidenceStatus.SelfDeclared, actor, at);

    /// <summary>
    /// A coordinator's review: verified, the declared value is in force with the check; rejected, the value in force
    /// before it returns. Null when nothing awaits review.
    /// </summary>
    public static ParkProfile? Review(ParkProfile profile, bool verified, FigureCheck check)
    {
        var land = profile.AvailableLandMu;
        if (!land.SelfDeclared) return null;
        return profile with { AvailableLandMu = land.Reviewed(verified, check) };
    }

    internal static string Mu(decimal mu) => mu.ToString("#,0.##", CultureInfo.InvariantCulture) + " 亩";
}
