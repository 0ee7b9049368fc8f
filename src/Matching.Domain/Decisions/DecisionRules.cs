using Matching.Domain.Geography;
using Matching.Domain.Parks;
using Matching.Domain.Validation;

namespace Matching.Domain.Decisions;

/// <summary>
/// Whom an award or co-build may assign the project to. A contest is settled among the counties that
/// bid: naming another county is a deliberate act the decision must state (<see cref="DecisionInput.AssignsNonBidder"/>),
/// not a slip of the form. The park must lie in the county that receives the project (the lead county
/// of a co-build): a zone of another county, or one not yet placed in any county, cannot host it.
/// </summary>
public static class DecisionRules
{
    /// <summary>Adds an error for each county that did not bid (unless stated) and for a park outside the receiving county.</summary>
    /// <param name="input">An award or co-build whose shape is valid.</param>
    /// <param name="province">Counties and parks.</param>
    /// <param name="liveBidders">Counties with a live bid on the project.</param>
    /// <param name="errors">Where problems go.</param>
    /// <param name="placedPark">The park with the county a coordinator placed it into, when the catalogue names none.</param>
    public static void CheckAssignment(DecisionInput input, Province province, IReadOnlyCollection<string> liveBidders, FieldErrors errors, ParkReference? placedPark = null)
    {
        var county = input.County!;
        var park = placedPark is not null && placedPark.Id == input.ParkId ? placedPark : province.FindPark(input.ParkId)!;
        if (park.CountyAdcode is null)
            errors.Add("parkId", $"园区“{park.Name}”尚未确定所属县（待定位的开发区），不能承接落地项目。");
        else if (park.CountyAdcode != county)
            errors.Add("parkId", $"园区“{park.Name}”属于{Name(province, park.CountyAdcode)}，不在{Name(province, county)}县域内。");

        if (input.AssignsNonBidder == true) return;
        const string hint = "如确需指定未表达意向的县，请注明 assignsNonBidder: true，并在理由中说明。";
        if (!liveBidders.Contains(county))
            errors.Add("county", $"{Name(province, county)}没有对该项目的有效意向。{hint}");
        if (input.Kind != DecisionKind.CoBuild) return;
        var shares = input.Shares ?? [];
        for (var i = 0; i < shares.Count; i++)
        {
            if (shares[i]?.County is { } partner && partner != county && !liveBidders.Contains(partner))
                errors.Add($"shares[{i}].county", $"{Name(province, partner)}没有对该项目的有效意向。{hint}");
        }
    }

    private static string Name(Province province, string adcode) => province.FindCounty(adcode)?.Name ?? adcode;
}
