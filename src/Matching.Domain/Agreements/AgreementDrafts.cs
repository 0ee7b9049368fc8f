using Matching.Domain.Decisions;

namespace Matching.Domain.Agreements;

/// <summary>What a decision changes in a project's agreement.</summary>
/// <param name="Put">The agreement to store as the project's (a new draft, the standing one carried over or marked superseded); null: no change.</param>
/// <param name="Superseded">The agreement a new draft replaces, to keep among the project's superseded agreements; null when none is replaced.</param>
public sealed record AgreementChange(Agreement? Put, Agreement? Superseded)
{
    /// <summary>The decision leaves the agreement as it is.</summary>
    public static AgreementChange None { get; } = new(null, null);
}

/// <summary>
/// The agreement a co-build decision gives rise to, and how later decisions change it. A co-build
/// (including a joint bid's award, decided as a co-build) drafts the agreement with the decision's
/// parties and shares; the parties complete it and a coordinator confirms it. A decision that changes
/// the parties, or the shares of a confirmed agreement, or that ends the co-build, supersedes it.
/// </summary>
public static class AgreementDrafts
{
    /// <summary>Shandong's calendar: an agreement's first year is the decision's year in China time.</summary>
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The draft of a co-build decision: its parties and shares (host first), its years, from its year, every indicator shared.</summary>
    /// <exception cref="ArgumentException">The decision is no co-build.</exception>
    public static Agreement Draft(Decision decision, (Guid Id, string Title) project)
    {
        var terms = decision.Terms;
        if (terms.Kind != DecisionKind.CoBuild) throw new ArgumentException("Only a co-build decision drafts an agreement.", nameof(decision));
        var host = terms.County!;
        AgreementShare[] shares = [.. terms.Shares.Select(s => new AgreementShare(s.County, s.Percent)).OrderByDescending(s => s.County == host)];
        return new Agreement(project.Id, project.Title, AgreementKind.CoBuild, host, shares, Template(shares), decision.DecidedAt.ToOffset(China).Year,
            terms.Years ?? 10, SharedIndicators.All, terms.ExpectedVersion, decision.DecidedBy, decision.DecidedAt, AgreementStatus.Draft);
    }

    /// <summary>The template the shares follow (host first): 5:5, 7:3 or 8:2 for two parties that split so, else custom.</summary>
    public static string Template(IReadOnlyList<AgreementShare> shares) =>
        shares.Count == 2 && AgreementInput.Templates.FirstOrDefault(t => t.Value == (shares[0].Percent, shares[1].Percent)).Key is { } template
            ? template
            : AgreementInput.Custom;

    /// <summary>
    /// Brings the project's agreement in line with a decision just recorded. Applying it again for the
    /// same decision changes nothing, so a retry (or a repair on read) is harmless.
    /// </summary>
    /// <param name="standing">The project's stored agreement, or null.</param>
    /// <param name="decision">The decision now in force.</param>
    /// <param name="previous">The decision it followed, or null.</param>
    /// <param name="project">The project's id and title.</param>
    public static AgreementChange Follow(Agreement? standing, Decision decision, Decision? previous, (Guid Id, string Title) project)
    {
        var terms = decision.Terms;
        var coBuild = terms.Kind == DecisionKind.CoBuild;
        // Versions only grow: an agreement of this decision, or of a later one, is left alone.
        if (standing is not null && standing.DecisionVersion >= terms.ExpectedVersion) return AgreementChange.None;
        if (standing is null || standing.Status == AgreementStatus.Superseded)
            return coBuild ? new AgreementChange(Draft(decision, project), standing) : AgreementChange.None;

        if (standing.Kind == AgreementKind.Referral)
        {
            // A referral's agreement stands through the award to the county it referred the project to.
            if (terms.Kind == DecisionKind.Award && terms.County == standing.HostCounty) return AgreementChange.None;
            return Supersede(standing, coBuild ? Draft(decision, project) : null);
        }

        if (!coBuild) return Supersede(standing, null);
        var sameParties = terms.County == standing.HostCounty && terms.Shares.Select(s => s.County).ToHashSet().SetEquals(standing.Shares.Select(s => s.County));
        if (!sameParties) return Supersede(standing, Draft(decision, project));
        var sameShares = previous is { Terms.Kind: DecisionKind.CoBuild } && previous.Terms.Shares.ToHashSet().SetEquals(terms.Shares);
        // Same parties and shares (another park, a corrected reason): the agreement follows the revision as it stands.
        if (sameShares) return new AgreementChange(standing with { DecisionVersion = terms.ExpectedVersion }, null);
        // A draft takes the new shares and keeps what the parties completed; a confirmed agreement's terms are no longer the decision's.
        if (standing.Status == AgreementStatus.Draft)
            return new AgreementChange(Draft(decision, project) with { FirstYear = standing.FirstYear, Years = standing.Years, Indicators = standing.Indicators }, null);
        return Supersede(standing, Draft(decision, project));
    }

    private static AgreementChange Supersede(Agreement standing, Agreement? next)
    {
        var superseded = standing with { Status = AgreementStatus.Superseded };
        return next is null ? new AgreementChange(superseded, null) : new AgreementChange(next, superseded);
    }
}
