using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Domain.Geography;
using Matching.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A coordinator's placement of a holding-list park into a county.</summary>
/// <param name="County">The county's 6-digit adcode.</param>
/// <param name="Reason">Why, required when the park is already placed into another county (a move); at most 500 characters.</param>
public sealed record ParkCountyInput(string? County, string? Reason = null);

/// <summary>A coordinator undoing a placement: the park goes back to the holding list.</summary>
/// <param name="Reason">Why (required, at most 500 characters).</param>
public sealed record ParkUnplaceInput(string? Reason);

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
            .WithSummary("Coordinator: place a holding-list park (no county in the catalogue) into a county ({\"county\":\"370102\"}); in force at once, kept over the seeds, audited. A park placed into another county is moved with a reason ({\"county\":…,\"reason\":…}); 409 for a catalogue park, or while a live bid, joint bid or award holds on to the park. Optional If-Match: \"version\".");
        parks.MapGroup("/").RequireAuthorization(policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.AsActor() is { } actor && actor.IsCoordinator))
            .MapPost("/{id}/county/undo", Undo).WithName("UndoParkPlacement")
            .WithSummary("Coordinator: undo a placement with a reason ({\"reason\":…}): the park goes back to the holding list and leaves its county; audited. 409 while a live bid, joint bid or award holds on to it, or when it was never placed. Optional If-Match.");
        return parks;
    }

    /// <summary>The longest reason kept in the audit trails.</summary>
    private const int MaxReason = 500;

    private static bool TryReason(string? given, out string reason, out ValidationProblem problem)
    {
        reason = given?.Trim() ?? "";
        var error = reason.Length == 0 ? "必填：改落位或撤销落位的理由。"
            : reason.Length > MaxReason ? $"理由不能超过 {MaxReason} 个字符。"
            : reason.Any(char.IsControl) ? "理由不能含控制字符。" : null;
        problem = TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [error ?? ""] }, title: "输入校验失败");
        return error is null;
    }

    private static async Task<Results<Ok<ParkResponse>, NotFoundProblem, ValidationProblem, Rejection>> Undo(string id, ParkUnplaceInput? input, Province province, IGrainFactory grains, HttpContext http)
    {
        if (province.FindPark(id) is null) return NotFoundProblem.Of($"没有编号为“{id}”的园区。");
        if (!http.Request.TryGetExpectedVersion(out var expected)) return Http.BadIfMatch();
        if (!TryReason(input?.Reason, out var reason, out var bad)) return bad;
        var result = await grains.GetGrain<IParkGrain>(id).MovePlacement(null, reason, http.Actor().UserName, expected);
        if (!result.IsOk) return Http.Rejection(result);
        http.Response.Headers.ETag = Http.ETag(result.Value!.Version);
        return TypedResults.Ok(ParksApi.ToResponse(result.Value, province));
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

        var park = grains.GetGrain<IParkGrain>(id);
        CommandResult<Domain.Parks.Park> result;
        if (await park.Get() is { Placed: { } placed } && placed.CountyAdcode != county)
        {
            // A move: the park is placed into another county already.
            if (!TryReason(input!.Reason, out var reason, out var bad))
                return input.Reason is null
                    ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"园区已由协调员落位到{province.FindCounty(placed.CountyAdcode)?.Name ?? placed.CountyAdcode}：改落位须填写理由。"] }, title: "输入校验失败")
                    : bad;
            result = await park.MovePlacement(county, reason, http.Actor().UserName, expected);
        }
        else
        {
            result = await park.PlaceInCounty(county, http.Actor().UserName, expected);
        }

        if (!result.IsOk) return Http.Rejection(result);
        http.Response.Headers.ETag = Http.ETag(result.Value!.Version);
        return TypedResults.Ok(ParksApi.ToResponse(result.Value, province));
    }
}
