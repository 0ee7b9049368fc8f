namespace Matching.Contracts;

/// <summary>
/// What the platform knows of one investor across projects: who registered first contact (首谈) with it,
/// its projects (to flag likely duplicates), and the Shandong counties where it already operates (to
/// flag relocations). Keyed by <see cref="KeyOf"/>: the unified social credit code, or the normalised name.
/// </summary>
[Alias("Matching.IInvestorGrain")]
public interface IInvestorGrain : IGrainWithStringKey
{
    /// <summary>The grain keys of an investor: its credit code (when known) and its normalised name.</summary>
    public static IReadOnlyList<string> KeysOf(string name, string? creditCode)
    {
        var normalised = new string(name.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c)).ToArray());
        return creditCode is null ? ["name:" + normalised] : ["code:" + creditCode, "name:" + normalised];
    }

    /// <summary>The first key (credit code when known, else name).</summary>
    public static string KeyOf(string name, string? creditCode) => KeysOf(name, creditCode)[0];

    /// <summary>
    /// Records a project of this investor and answers what it collides with: the county holding first
    /// contact, and open projects in the same industry class posted elsewhere (likely duplicates).
    /// Idempotent per project.
    /// </summary>
    [Alias("Register")]
    Task<InvestorFindings> Register(InvestorProject project);

    /// <summary>Keeps a project's status (and, once awarded or co-built, where the investor now operates).</summary>
    [Alias("Track")]
    Task Track(Guid projectId, string status, IReadOnlyList<string> operatingCounties);

    /// <summary>Counties where the investor operates (projects awarded, co-built or landed there).</summary>
    [Alias("OperatingCounties"), ReadOnly]
    Task<IReadOnlyList<string>> OperatingCounties();
}

/// <summary>A project of an investor.</summary>
[GenerateSerializer, Immutable, Alias("Matching.InvestorProject")]
public sealed record InvestorProject(
    [property: Id(0)] Guid ProjectId,
    [property: Id(1)] string IndustryCode,
    [property: Id(2)] string? FirstContactCounty,
    [property: Id(3)] string Status);

/// <summary>What registering a project found.</summary>
/// <param name="FirstContactHolder">The county that registered first contact with the investor first, when any.</param>
/// <param name="LikelyDuplicates">Other live projects of the investor in the same industry class.</param>
[GenerateSerializer, Immutable, Alias("Matching.InvestorFindings")]
public sealed record InvestorFindings(
    [property: Id(0)] string? FirstContactHolder,
    [property: Id(1)] IReadOnlyList<Guid> LikelyDuplicates);
