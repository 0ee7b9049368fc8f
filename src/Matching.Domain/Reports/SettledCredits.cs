using Matching.Domain.Cockpit;
using Matching.Domain.Landing;

namespace Matching.Domain.Reports;

/// <summary>
/// A county's settled projects of a year as the yearly report counts them: the projects an award or
/// co-build decision of the year placed in it, the part it leads, the investment credited to it, the
/// landing stages confirmed and overdue among those it leads, and how many projects of each GB/T division.
/// </summary>
/// <param name="Hosted">Projects placed in the county (lead or sharing).</param>
/// <param name="Led">Of those, the ones it leads.</param>
/// <param name="Investment">Investment credited to it, 万元 (<see cref="CountyYearReports.Credited"/>).</param>
/// <param name="Stages">Projects it leads with the stage confirmed, by stage.</param>
/// <param name="Overdue">Projects it leads with a stage overdue.</param>
/// <param name="Divisions">Hosted projects per GB/T division (non-zero only).</param>
public sealed record CountyYearSettled(int Hosted, int Led, decimal Investment, IReadOnlyDictionary<LandingStage, int> Stages, int Overdue, IReadOnlyDictionary<string, int> Divisions)
{
    /// <summary>Nothing settled.</summary>
    public static CountyYearSettled None { get; } = new(0, 0, 0, new Dictionary<LandingStage, int>(), 0, new Dictionary<string, int>());

    /// <summary>Projects it leads with <paramref name="stage"/> confirmed.</summary>
    public int Stage(LandingStage stage) => Stages.GetValueOrDefault(stage);

    /// <summary>
    /// The figures read from every settled project of the year (the report's read path before the kept
    /// sums, and the tests' oracle for them).
    /// </summary>
    public static CountyYearSettled Of(string county, IReadOnlyList<(SettledProject Project, FunnelEntry Funnel)> settled)
    {
        var hosted = settled.Where(s => s.Project.Lead == county || s.Project.Shares.Any(h => h.County == county)).ToList();
        var led = hosted.Where(s => s.Project.Lead == county).Select(s => s.Funnel).ToList();
        return new CountyYearSettled(
            hosted.Count,
            led.Count,
            hosted.Sum(s => CountyYearReports.Credited(s.Project, county)),
            LandingStages.All.ToDictionary(stage => stage, stage => led.Count(f => f.Confirmed.Contains(stage))).Where(s => s.Value > 0).ToDictionary(),
            led.Count(f => f.Overdue),
            hosted.GroupBy(s => s.Project.Division, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }
}

/// <summary>
/// What one settled project credits each county with in the yearly report, as parts of per-(year,
/// county) sums: a project's parts are replaced whenever its settlement changes (decision, revision,
/// confirmed stage, overdue flag, reopening), so the sums move by the difference and a report reads a
/// fixed number of keyed sums per county instead of every settled project of the year. A project that
/// is no longer settled credits nothing.
/// </summary>
public static class SettledCredits
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>
    /// Every division name a part can carry: GB/T 4754-2017's two-digit divisions (01–99) and, for a code
    /// above division level, its section letter (A–Z); anything else is counted under "?".
    /// </summary>
    public static IReadOnlyList<string> DivisionNames { get; } =
        [.. Enumerable.Range(1, 99).Select(d => d.ToString("00", System.Globalization.CultureInfo.InvariantCulture)), .. Enumerable.Range('A', 26).Select(c => ((char)c).ToString()), "?"];

    private static readonly HashSet<string> Known = new(DivisionNames, StringComparer.Ordinal);

    /// <summary>The name of one sum of a county's year.</summary>
    public static string SumOf(int year, string county, string figure) => $"{year:D4}|{county}|{figure}";

    private static string StageFigure(LandingStage stage) => $"stage|{stage}";

    private static string DivisionFigure(string division) => $"div|{(Known.Contains(division) ? division : "?")}";

    /// <summary>The names of a county's sums of a year, for <see cref="Read"/>: a fixed number, whatever the projects.</summary>
    public static IEnumerable<string> SumsOf(string county, int year) =>
        new[] { "hosted", "led", "investment", "overdue" }
            .Concat(LandingStages.All.Select(StageFigure))
            .Concat(DivisionNames.Select(DivisionFigure))
            .Select(f => SumOf(year, county, f));

    /// <summary>The project's parts, non-zero only (none when it is not settled): sum name → amount.</summary>
    public static IReadOnlyDictionary<string, decimal> Of(SettledProject? project, FunnelEntry? funnel)
    {
        var parts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (project is null) return parts;
        var year = project.DecidedAt.ToOffset(China).Year;
        void Add(string county, string figure, decimal amount)
        {
            if (amount == 0) return;
            var name = SumOf(year, county, figure);
            parts[name] = parts.GetValueOrDefault(name) + amount;
        }

        IEnumerable<string> hosts = [project.Lead, .. project.Shares.Select(s => s.County)];
        foreach (var county in hosts.Distinct(StringComparer.Ordinal))
        {
            Add(county, "hosted", 1);
            Add(county, "investment", CountyYearReports.Credited(project, county));
            Add(county, DivisionFigure(project.Division), 1);
        }

        Add(project.Lead, "led", 1);
        if (funnel is not null)
        {
            foreach (var stage in funnel.Confirmed) Add(project.Lead, StageFigure(stage), 1);
            if (funnel.Overdue) Add(project.Lead, "overdue", 1);
        }

        return parts;
    }

    /// <summary>A county's figures of a year from its sums (see <see cref="SumsOf"/>).</summary>
    public static CountyYearSettled Read(IReadOnlyDictionary<string, decimal> sums, string county, int year)
    {
        int Count(string figure) => checked((int)sums.GetValueOrDefault(SumOf(year, county, figure)));
        return new CountyYearSettled(
            Count("hosted"),
            Count("led"),
            sums.GetValueOrDefault(SumOf(year, county, "investment")),
            LandingStages.All.Select(s => (Stage: s, Projects: Count(StageFigure(s)))).Where(s => s.Projects > 0).ToDictionary(s => s.Stage, s => s.Projects),
            Count("overdue"),
            DivisionNames.Select(d => (Division: d, Projects: Count(DivisionFigure(d)))).Where(d => d.Projects > 0).ToDictionary(d => d.Division, d => d.Projects, StringComparer.Ordinal));
    }
}
