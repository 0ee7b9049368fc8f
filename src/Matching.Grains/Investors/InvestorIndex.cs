using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Projects;
using Matching.Grains.Persistence;

namespace Matching.Grains.Investors;

/// <summary>
/// What the platform knows of each investor across projects, a row per (investor key, project): first
/// contact (首谈), likely duplicates and where the investor already operates are answered by reading the
/// investor's rows, never written into every project.
/// </summary>
public sealed class InvestorIndex(IRowStore rows)
{
    internal const string Collection = "investor-projects";
    private const int MostProjectsRead = 5_000;

    // Normalising the name (Unicode NFKC) cost a bid as much as a row read; a project's investor
    // instance stays the same while its grain is active, so its keys are worked out once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Investor, IReadOnlyList<string>> Keys = new();

    /// <summary>The keys an investor is filed under: its credit code (when known) and its normalised name.</summary>
    public static IReadOnlyList<string> KeysOf(Investor investor) => Keys.GetValue(investor, FileKeys);

    private static IReadOnlyList<string> FileKeys(Investor investor)
    {
        var normalised = new string(investor.Name.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c)).ToArray());
        return investor.CreditCode is null ? ["name:" + normalised] : ["code:" + investor.CreditCode, "name:" + normalised];
    }

    /// <summary>The writes that file (or refile) a project under each key of its investor.</summary>
    public static IReadOnlyList<RowWrite> Put(Project project, IReadOnlyList<string> operatingCounties)
    {
        var row = new InvestorProjectRow(project.Id, project.Details.IndustryCode.Value, project.Details.FirstContactCounty, project.Status, operatingCounties, project.CreatedAt);
        var body = RowBodies.Write(row);
        var sort = $"{RowBodies.Number(project.CreatedAt.UtcTicks)}|{RowBodies.Id(project.Id)}";
        return [.. KeysOf(project.Details.Investor).Select(key => RowWrite.Put(key, RowBodies.Id(project.Id), sort, body))];
    }

    /// <summary>Applies index writes in one transaction.</summary>
    public Task WriteAsync(IReadOnlyList<RowWrite> writes, CancellationToken cancellationToken = default) =>
        rows.WriteAsync(Collection, writes, cancellationToken);

    /// <summary>
    /// Who holds first contact with the project's investor (the county named by its earliest project)
    /// and the investor's other live projects in the same industry class.
    /// </summary>
    public async Task<ProjectFlags> FlagsOf(Project project, CancellationToken cancellationToken = default)
    {
        var known = await ProjectsOf(project.Details.Investor, cancellationToken);
        var holder = known.OrderBy(p => p.CreatedAt).ThenBy(p => p.ProjectId).FirstOrDefault(p => p.FirstContactCounty is not null)?.FirstContactCounty
            ?? project.Details.FirstContactCounty;
        var duplicates = known
            .Where(p => p.ProjectId != project.Id && p.IndustryCode == project.Details.IndustryCode.Value && ProjectLifecycle.IsLive(p.Status))
            .Select(p => p.ProjectId).Distinct().Order().ToArray();
        return new ProjectFlags(holder, duplicates);
    }

    /// <summary>Counties where the investor operates (its projects awarded, co-built or landed there).</summary>
    public async Task<IReadOnlyList<string>> OperatingCounties(Investor investor, CancellationToken cancellationToken = default) =>
        [.. (await ProjectsOf(investor, cancellationToken)).SelectMany(p => p.Operating).Distinct().Order(StringComparer.Ordinal)];

    private async Task<IReadOnlyList<InvestorProjectRow>> ProjectsOf(Investor investor, CancellationToken cancellationToken)
    {
        var pages = await Task.WhenAll(KeysOf(investor).Select(key => rows.PageAsync(Collection, key, new RowQuery(Take: MostProjectsRead, Counted: false), cancellationToken)));
        return [.. pages.SelectMany(p => p.Rows).Select(r => RowBodies.Read<InvestorProjectRow>(r.Body)).DistinctBy(p => p.ProjectId)];
    }

    internal sealed record InvestorProjectRow(
        Guid ProjectId, string IndustryCode, string? FirstContactCounty, ProjectStatus Status, IReadOnlyList<string> Operating, DateTimeOffset CreatedAt);
}
