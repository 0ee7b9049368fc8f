using Matching.Contracts;
using Matching.Domain.Agreements;
using Matching.Domain.Landing;
using Matching.Domain.Projects;
using Matching.Grains.Projects;

namespace Matching.Grains.Agreements;

/// <summary>
/// The realised amounts of a project's confirmed stage reports, read from its append-only history (each
/// confirmation is a history row carrying the report as confirmed; the project row keeps only the last
/// one per stage, and 资金到位 needs every one).
/// </summary>
public sealed class StageAmounts(ProjectHistory history)
{
    private const int Page = 500;

    /// <summary>Every amount the project's confirmed stage reports realise.</summary>
    public async Task<IReadOnlyList<RealisedAmount>> OfAsync(Guid project, CancellationToken cancellationToken = default)
    {
        var confirmed = new List<LandingReport>();
        long? after = null;
        while (true)
        {
            var page = await history.ReadAsync(project, new HistoryQuery(after, Page), cancellationToken);
            confirmed.AddRange(page.Entries.Where(e => e.Kind == ProjectEventKind.LandingConfirmed && e.Landing is not null).Select(e => e.Landing!));
            if (page.Entries.Count < Page) break;
            after = page.Entries[^1].Sequence;
        }

        return RealisedAmounts.FromStages(confirmed);
    }
}
