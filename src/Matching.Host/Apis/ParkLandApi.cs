using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Domain.Geography;
using Matching.Domain.Parks;
using Matching.Grains.Counties;
using Matching.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>
/// A park's available land, self-declared by its county until a coordinator verifies it: <c>PUT /api/parks/{id}/land</c>
/// (If-Match as other edits), <c>POST …/land/review</c>, and the audit trail <c>GET …/land/audit</c>.
/// </summary>
internal static class ParkLandApi
{
    public static RouteGroupBuilder MapParkLandApi(this RouteGroupBuilder parks)
    {
        parks.MapPut("/{id}/land", Declare).WithName("DeclareParkLand")
            .WithSummary("The park's county declares its available land (亩), self-declared until a coordinator verifies it; a coordinator's value is in force at once. Never below what is reserved. Optional If-Match: \"version\".");
        parks.MapPost("/{id}/land/review", Review).WithName("ReviewParkLand")
            .WithSummary("Coordinator: verify or reject the county's pending available land ({\"verified\":true|false,\"note\":…}; a rejection needs a note).");
        parks.MapGet("/{id}/land/audit", Audit).WithName("ParkLandAudit")
            .WithSummary("The park's land audit trail (declared, verified, rejected), newest first; page with before/take.");
        return parks;
    }

    /// <summary>
    /// Who may set a park's land: its own county (self-declared) or a provincial coordinator (in force at once). The park's county is
    /// the grain's (a coordinator's placement of a holding-list park over the catalogue's none), never the catalogue's alone.
    /// </summary>
    internal static FigureSource? EditorOf(Actor actor, ParkReference park) =>
        actor.IsCoordinator ? FigureSource.Coordinator
        : park.CountyAdcode is { } county && actor.IsCounty(county) ? FigureSource.County
        : null;

    private static async Task<Results<Ok<ParkResponse>, NotFoundProblem, ForbiddenProblem, ValidationProblem, Rejection>> Declare(string id, ParkLandInput? input, Province province, IGrainFactory grains, HttpContext http)
    {
        if (province.FindPark(id) is not { } reference) return NotFoundProblem.Of($"没有编号为“{id}”的园区。");
        var actor = http.Actor();
        // A holding-list park a coordinator placed belongs to the county it was placed into: only its grain knows.
        if (reference.CountyAdcode is null && !actor.IsCoordinator && await grains.GetGrain<IParkGrain>(id).Get() is { } stored) reference = stored.Reference;
        if (EditorOf(actor, reference) is not { } editor) return Access.Forbidden("只有园区所在县（市、区）或省级统筹协调员可以修改园区可用土地。");
        if (!http.Request.TryGetExpectedVersion(out var expected)) return Http.BadIfMatch();

        var result = await grains.GetGrain<IParkGrain>(id).DeclareLand(input ?? new ParkLandInput(), actor.UserName, editor, expected);
        if (!result.IsOk) return Http.Rejection(result);
        http.Response.Headers.ETag = Http.ETag(result.Value!.Version);
        return TypedResults.Ok(ParksApi.ToResponse(result.Value, province));
    }

    private static async Task<Results<Ok<ParkResponse>, NotFoundProblem, ForbiddenProblem, Rejection>> Review(string id, EvidenceReviewInput? input, Province province, IGrainFactory grains, HttpContext http)
    {
        if (province.FindPark(id) is null) return NotFoundProblem.Of($"没有编号为“{id}”的园区。");
        var actor = http.Actor();
        if (!actor.IsCoordinator) return Access.Forbidden("只有省级统筹协调员可以核实园区可用土地。");
        var result = await grains.GetGrain<IParkGrain>(id).ReviewLand(input ?? new EvidenceReviewInput(), actor.UserName);
        if (!result.IsOk) return Http.Rejection(result);
        http.Response.Headers.ETag = Http.ETag(result.Value!.Version);
        return TypedResults.Ok(ParksApi.ToResponse(result.Value, province));
    }

    private static async Task<Results<Ok<EvidenceAuditPage>, NotFoundProblem, ValidationProblem>> Audit(string id, long? before, int? take, Province province, CountyEvidenceRows rows, CancellationToken cancellationToken)
    {
        if (province.FindPark(id) is null) return NotFoundProblem.Of($"没有编号为“{id}”的园区。");
        if (take is < 1 or > Paging.MaxTake)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = [$"须在 1 到 {Paging.MaxTake} 之间。"] });
        if (before is < 1)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["before"] = ["须为审计记录的序号（正整数）。"] });
        var (entries, total) = await rows.AuditAsync(ParkLand.ItemId(id), before, take ?? 50, cancellationToken);
        return TypedResults.Ok(new EvidenceAuditPage(entries, total));
    }
}
