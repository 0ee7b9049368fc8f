using Matching.Domain.Access;
using Matching.Domain.Compliance;
using Matching.Domain.Decisions;
using Matching.Domain.Projects;

namespace Matching.Domain.Tests;

/// <summary>Who sees a bid and an investor: by round, and while a bid is live.</summary>
public sealed class AccessRulesTests
{
    private static readonly Actor Poster = new("officer", Role.Officer, null), OtherOfficer = new("officer-2", Role.Officer, null),
        Lixia = new("county-370102", Role.County, "370102"), Shizhong = new("county-370103", Role.County, "370103"),
        Coordinator = new("coordinator", Role.Coordinator, null);

    private static readonly Project Project = Project.Create(Guid.NewGuid(), Samples.Details(), "officer", DateTimeOffset.UnixEpoch);

    private static PlacedBid BidOf(string county, long onVersion) =>
        new(new Bid(county, null, 0, 10, 12, null, "", "", []), [], "test", "county-" + county, DateTimeOffset.UnixEpoch) { OnVersion = onVersion };

    private static Decision DecidedOn(long version, DecisionKind kind = DecisionKind.Reopen, string? county = null) =>
        new(new DecisionTerms(kind, county, null, [], null, "理由", version), "coordinator", DateTimeOffset.UnixEpoch, []);

    [Fact]
    public void A_bid_is_revealed_to_other_counties_by_a_decision_made_after_it_and_not_before()
    {
        var firstRound = BidOf("370102", onVersion: 3);
        var newRound = BidOf("370102", onVersion: 6);
        var reopen = DecidedOn(5);

        Assert.False(AccessRules.CanSeeBid(Shizhong, Project, firstRound, null));
        Assert.True(AccessRules.CanSeeBid(Shizhong, Project, firstRound, reopen));
        Assert.False(AccessRules.CanSeeBid(Shizhong, Project, newRound, reopen));
        Assert.True(AccessRules.CanSeeBid(Shizhong, Project, newRound, DecidedOn(8)));
        Assert.True(AccessRules.CanSeeBid(Lixia, Project, newRound, reopen));
        Assert.True(AccessRules.CanSeeBid(Shizhong, Project, BidOf("370102", onVersion: 0), reopen));
    }

    [Fact]
    public void Those_running_the_project_see_every_bid_and_no_other_officer_sees_any()
    {
        var bid = BidOf("370102", 3);

        Assert.True(AccessRules.CanSeeBid(Poster, Project, bid, null));
        Assert.True(AccessRules.CanSeeBid(Coordinator, Project, bid, null));
        Assert.False(AccessRules.CanSeeBid(OtherOfficer, Project, bid, DecidedOn(9)));
        Assert.False(AccessRules.CanListBids(OtherOfficer, Project));
    }

    [Fact]
    public void A_county_sees_the_investor_while_its_bid_is_live_or_once_it_is_awarded()
    {
        Assert.True(AccessRules.CanSeeInvestor(Lixia, Project, ["370102"]));
        Assert.False(AccessRules.CanSeeInvestor(Lixia, Project, []));
        Assert.False(AccessRules.CanSeeInvestor(Lixia, Project, ["370103"], DecidedOn(4)));
        Assert.True(AccessRules.CanSeeInvestor(Lixia, Project, [], DecidedOn(4, DecisionKind.Award, "370102")));
        Assert.False(AccessRules.CanSeeInvestor(OtherOfficer, Project, ["370102"]));
        Assert.True(AccessRules.CanSeeInvestor(Poster, Project, []));
    }
}
