using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Domain.Geography;
using Matching.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A coordinator's placement of a holding-list park into a county.</summary>
/// <param name="County">The county's 6-digit adcode.</param>
public sealed record ParkCountyInput(string? County);

/// <summary>
/// <c>PUT /api/parks/{id}/county</c>: a provincial coordinator places a park of the holding list (the catalogue names no county)
/// into a county, verified by them (who and when stored on the park), audited in the park's and the county's trails; matching
/// offers the park in that county from the next match on. Optional If-Match as other edits.
/// </summary>
internal static class ParkCountyApi
{
    public static RouteGroupBuilder MapParkCountyApi(this RouteGroupBuilder parks)
    {
        parks.MapGroup("/").RequireAuthorization(policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.AsActor() is { } actor && actor.IsCoordinator))
            .MapPut("/{id}/county", Place).WithName("PlaceParkInCounty")
            .WithSummary("Coordinator: place a holding-list park (no county in the catalogue) into a county ({\"county\":\"370102\"}); in force at once, kept over the seeds, audited. 409 when the park already has a county. Optional If-Match: \"version\".");
        return parks;
    }

    private static async Task<Results<Ok<ParkResponse>, NotFoundProblem, ValidationProblem, Rejection>> Place(string id, ParkCountyInput? input, Province province, IGrainFactory grains, HttpContext http)
    {
        if (province.FindPark(id) is null) return NotFoundProblem.Of($"没有编号为“{id}”的园区。");
        if (!http.Request.TryGetExpectedVersion(out var expected)) return Http.BadIfMatch();
        var county = input?.County?.Trim();
        if (string.IsNullOrEmpty(county))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["county"] = ["必填：园区所在县（市、区）的 6 位行政区划代码。"] }, title: "输入校验失败");
        if (!province.HasCounty(county))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["county"] = [$"“{Domain.Validation.FieldErrors.Quote(county)}”不是山东省现行的县级行政区代码。"] }, title: "输入校验失败");

        var result = await grains.GetGrain<IParkGrain>(id).PlaceInCounty(county, http.Actor().UserName, expected);
        if (!result.IsOk) return Http.Rejection(result);
        http.Response.Headers.ETag = Http.ETag(result.Value!.Version);
        return TypedResults.Ok(ParksApi.ToResponse(result.Value, province));
    }
}
