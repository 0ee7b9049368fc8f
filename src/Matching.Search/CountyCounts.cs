using Matching.Domain.Projects;

namespace Matching.Search;

/// <summary>Which of a project's counties a <see cref="CountyCountQuery"/> counts it in.</summary>
public enum CountyPlacement
{
    /// <summary>The first-contact county (首谈地), where the project is talked about; a project without one is counted in no county.</summary>
    FirstContact,

    /// <summary>Every county the decision in force placed it in (<see cref="ProjectDocument.HostCounties"/>): a co-built project counts once in each.</summary>
    Host,
}

/// <summary>
/// How many projects of the given statuses each county has, by <see cref="By"/>: the province map's read.
/// Counts cover every matching project, however many (no page, no cap), and read no stored document.
/// </summary>
/// <param name="Statuses">Projects of any of these statuses are counted (at least one).</param>
/// <param name="By">The county a project is counted in.</param>
public sealed record CountyCountQuery(IReadOnlyCollection<ProjectStatus> Statuses, CountyPlacement By);

/// <summary>Projects per county.</summary>
/// <param name="Projects">Matching projects (each once, whether it has a county or several).</param>
/// <param name="ByCounty">County adcode → projects counted there; counties with none are left out.</param>
public sealed record CountyCounts(long Projects, IReadOnlyDictionary<string, long> ByCounty);
