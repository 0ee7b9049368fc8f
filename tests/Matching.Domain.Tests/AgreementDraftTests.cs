using Matching.Domain.Agreements;
using Matching.Domain.Decisions;

namespace Matching.Domain.Tests;

public sealed class AgreementDraftTests
{
    private static readonly (Guid, string) Project = (Guid.NewGuid(), "共建项目");

    private static Decision CoBuild(long version, params (string County, decimal Percent)[] shares) => new(
        new DecisionTerms(DecisionKind.CoBuild, shares[0].County, "park", [.. shares.Select(s => new DecisionShare(s.County, s.Percent))], 8, "共建", version),
        "coordinator", new DateTimeOffset(2026, 12, 31, 20, 0, 0, TimeSpan.Zero), []);

    private static Decision Award(long version, string county) => new(
        new DecisionTerms(DecisionKind.Award, county, "park", [], null, "落地", version), "coordinator", DateTimeOffset.UnixEpoch, []);

    [Fact]
    public void A_cobuild_drafts_its_parties_and_shares_host_first_with_the_template_they_follow_from_its_year_in_China()
    {
        var draft = AgreementDrafts.Follow(null, CoBuild(4, ("370102", 80), ("370105", 20)), null, Project).Put!;

        Assert.Equal(AgreementStatus.Draft, draft.Status);
        Assert.Equal(("370102", "8:2", 2027, 8, 4L), (draft.HostCounty, draft.Template, draft.FirstYear, draft.Years, draft.DecisionVersion));
        Assert.Equal(SharedIndicators.All, draft.Indicators);
        Assert.Equal(AgreementInput.Custom, AgreementDrafts.Draft(CoBuild(4, ("370102", 60), ("370105", 40)), Project).Template);
        Assert.Equal(AgreementInput.Custom, AgreementDrafts.Draft(CoBuild(4, ("370102", 50), ("370105", 30), ("370112", 20)), Project).Template);
    }

    [Fact]
    public void The_same_decision_again_or_an_older_one_changes_nothing()
    {
        var decision = CoBuild(4, ("370102", 70), ("370105", 30));
        var draft = AgreementDrafts.Draft(decision, Project);

        Assert.Equal(AgreementChange.None, AgreementDrafts.Follow(draft, decision, null, Project));
        Assert.Equal(AgreementChange.None, AgreementDrafts.Follow(draft, CoBuild(3, ("370102", 50), ("370112", 50)), null, Project));
    }

    [Fact]
    public void A_revision_with_other_parties_supersedes_and_redrafts_one_with_the_same_parties_and_shares_carries_the_agreement_over()
    {
        var first = CoBuild(4, ("370102", 70), ("370105", 30));
        var confirmed = AgreementDrafts.Draft(first, Project) with { Status = AgreementStatus.Confirmed, Years = 3 };

        var carried = AgreementDrafts.Follow(confirmed, CoBuild(6, ("370102", 70), ("370105", 30)), first, Project);
        Assert.Equal(confirmed with { DecisionVersion = 6 }, carried.Put);
        Assert.Null(carried.Superseded);

        var other = AgreementDrafts.Follow(confirmed, CoBuild(6, ("370102", 70), ("370112", 30)), first, Project);
        Assert.Equal(AgreementStatus.Superseded, other.Superseded!.Status);
        Assert.Equal(["370102", "370112"], other.Put!.Shares.Select(s => s.County));
        Assert.Equal(AgreementStatus.Draft, other.Put.Status);

        // New shares between the same parties: a confirmed agreement no longer says what was decided.
        var reshared = AgreementDrafts.Follow(confirmed, CoBuild(6, ("370102", 50), ("370105", 50)), first, Project);
        Assert.Equal(("5:5", AgreementStatus.Draft), (reshared.Put!.Template, reshared.Put.Status));
        Assert.NotNull(reshared.Superseded);
    }

    [Fact]
    public void A_draft_takes_new_shares_and_keeps_what_the_parties_completed()
    {
        var first = CoBuild(4, ("370102", 70), ("370105", 30));
        var completed = AgreementDrafts.Draft(first, Project) with { Years = 3, FirstYear = 2028, Indicators = [SharedIndicator.RetainedTax] };

        var change = AgreementDrafts.Follow(completed, CoBuild(6, ("370102", 80), ("370105", 20)), first, Project);

        Assert.Null(change.Superseded);
        Assert.Equal(("8:2", 3, 2028, 6L), (change.Put!.Template, change.Put.Years, change.Put.FirstYear, change.Put.DecisionVersion));
        Assert.Equal([SharedIndicator.RetainedTax], change.Put.Indicators);
    }

    [Fact]
    public void An_award_ends_a_cobuild_agreement_but_not_a_referral_to_the_county_it_awards()
    {
        var first = CoBuild(4, ("370102", 70), ("370105", 30));
        var ended = AgreementDrafts.Follow(AgreementDrafts.Draft(first, Project), Award(6, "370102"), first, Project);
        Assert.Equal(AgreementStatus.Superseded, ended.Put!.Status);
        Assert.Null(ended.Superseded);
        Assert.Equal(AgreementChange.None, AgreementDrafts.Follow(ended.Put, Award(8, "370102"), null, Project));

        var referral = AgreementDrafts.Draft(first, Project) with { Kind = AgreementKind.Referral, Status = AgreementStatus.Confirmed };
        Assert.Equal(AgreementChange.None, AgreementDrafts.Follow(referral, Award(6, "370102"), null, Project));
        Assert.Equal(AgreementStatus.Superseded, AgreementDrafts.Follow(referral, Award(6, "370112"), null, Project).Put!.Status);
    }
}
