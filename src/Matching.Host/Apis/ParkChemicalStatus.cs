using Matching.Contracts;
using Matching.Domain.Geography;
using Matching.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A coordinator's statement whether a park is a recognised chemical park.</summary>
/// <param name="Recognised">True when the park is a recognised chemical park (认定化工园区 or 专业化工园区).</param>
public sealed record ChemicalParkInput(bool? Recognised);

internal static class ParkChemicalStatus
{
    public static async Task<Results<Ok<ParkSummary>, NotFoundProblem, ForbiddenProblem, ValidationProblem, Rejection>> Set(string id, ChemicalParkInput? input, Province province, IGrainFactory grains, HttpContext http)
    {
        if (province.FindPark(id) is null) return NotFoundProblem.Of($"没有编号为“{id}”的园区。");
        var actor = http.Actor();
        if (!actor.IsCoordinator) return Access.Forbidden("只有省级统筹协调员可以认定化工园区。");
        if (input?.Recognised is not { } recognised)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["recognised"] = ["须为 true（认定化工园区）或 false。"] });

        var result = await grains.GetGrain<IParkGrain>(id).SetChemicalPark(recognised, actor.UserName);
        if (!result.IsOk) return Http.Rejection(result);
        return TypedResults.Ok(ParksApi.ToSummary(result.Value!));
    }
}
