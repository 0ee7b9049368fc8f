using Matching.Domain.Industries;
using Matching.Domain.Validation;

namespace Matching.Domain.Evidence;

/// <summary>
/// An evidence item a county declares about an industry in it, as submitted: what it is, what it says,
/// as of when, for which GB/T codes and from what source. It stays self-declared until a coordinator reviews it.
/// </summary>
/// <param name="Kind">listedCompany, featuredCluster, zoneMainIndustry, chemicalPark or declared (anything else); null means declared.</param>
/// <param name="Statement">What it says, as shown (e.g. "龙头企业 XX 汽车零部件有限公司，年产值 12 亿元").</param>
/// <param name="Year">The year it is as of.</param>
/// <param name="Industries">GB/T 4754-2017 codes (any level) it is evidence for: 1 to 10.</param>
/// <param name="Source">Its source in words (a document, a list, a notice).</param>
/// <param name="SourceUrl">The source's address (http or https), optional.</param>
/// <param name="Subject">What it is about (an enterprise, a park), optional; shown in reasons.</param>
public sealed record EvidenceDeclarationInput(
    EvidenceKind? Kind = null,
    string? Statement = null,
    int? Year = null,
    IReadOnlyList<string>? Industries = null,
    string? Source = null,
    string? SourceUrl = null,
    string? Subject = null)
{
    /// <summary>Kinds a county may declare; strength and flags (百强县, 省财政直管县) come from published lists, rosters from an upload, awards from the platform.</summary>
    public static readonly IReadOnlySet<EvidenceKind> Declarable = new HashSet<EvidenceKind>
    {
        EvidenceKind.ListedCompany, EvidenceKind.FeaturedCluster, EvidenceKind.ZoneMainIndustry, EvidenceKind.ChemicalPark, EvidenceKind.Declared,
    };

    /// <summary>Validates the declaration and makes the item (self-declared).</summary>
    /// <param name="catalog">The GB/T catalogue codes are checked against.</param>
    /// <param name="thisYear">The current year (China time): an item cannot be as of a later year.</param>
    /// <exception cref="DomainValidationException">Something is invalid; nothing is made.</exception>
    public EvidenceItem ToItem(IndustryCatalog catalog, int thisYear)
    {
        var errors = new FieldErrors();
        var kind = Kind ?? EvidenceKind.Declared;
        if (!Declarable.Contains(kind))
            errors.Add("kind", "县级只能申报上市公司、特色产业集群、开发区主导产业、化工园区或其他产业证据（百强县等名单按公开来源，企业名录请上传，平台落地项目自动计入）。");
        var statement = TextInput.Check(Statement, "statement", 300, errors, required: true);
        var source = TextInput.Check(Source, "source", 200, errors, required: true);
        var subject = TextInput.Check(Subject, "subject", 100, errors);
        var url = TextInput.Check(SourceUrl, "sourceUrl", 500, errors);
        if (url.Length > 0 && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            errors.Add("sourceUrl", "须为 http 或 https 开头的网址。");
        if (Year is not { } year) errors.Add("year", "必填：证据所属年份。");
        else if (year < 1990 || year > thisYear) errors.Add("year", $"年份须在 1990 到 {thisYear} 之间。");

        var codes = new List<IndustryCode>();
        if (Industries is null || Industries.Count == 0) errors.Add("industries", "至少填写一个 GB/T 4754-2017 行业代码。");
        else if (Industries.Count > 10) errors.Add("industries", "最多 10 个行业代码。");
        else
        {
            for (var i = 0; i < Industries.Count; i++)
            {
                if (catalog.Find(Industries[i]?.Trim()) is { } industry) { if (!codes.Contains(industry.Code)) codes.Add(industry.Code); }
                else errors.Add($"industries[{i}]", $"“{FieldErrors.Quote(Industries[i])}”不是 GB/T 4754-2017 中的行业代码。");
            }
        }

        if (!errors.IsEmpty) throw new DomainValidationException(errors);
        return new EvidenceItem(kind, statement, Year!.Value, codes, source, url.Length == 0 ? null : url, subject.Length == 0 ? null : subject, SelfDeclared: true);
    }
}

/// <summary>A coordinator's review of a declared item, as submitted.</summary>
/// <param name="Verified">True to verify (核实), false to reject (不予采信).</param>
/// <param name="Note">What was checked; required when rejecting.</param>
public sealed record EvidenceReviewInput(bool? Verified = null, string? Note = null)
{
    /// <summary>Validates the review.</summary>
    /// <exception cref="DomainValidationException">Something is invalid.</exception>
    public (bool Verified, string? Note) Check()
    {
        var errors = new FieldErrors();
        if (Verified is null) errors.Add("verified", "须为 true（核实）或 false（不予采信）。");
        var note = TextInput.Check(Note, "note", 500, errors, multiline: true);
        if (Verified == false && note.Length == 0) errors.Add("note", "不予采信时须说明理由。");
        if (!errors.IsEmpty) throw new DomainValidationException(errors);
        return (Verified!.Value, note.Length == 0 ? null : note);
    }
}
