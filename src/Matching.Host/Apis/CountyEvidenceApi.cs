using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Domain.Fit;
using Matching.Domain.Geography;
using Matching.Domain.Parks;
using Matching.Domain.Rosters;
using Matching.Domain.Validation;
using Matching.Engine;
using Matching.Grains.Counties;
using Matching.Host.Auth;
using Matching.Host.Rosters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A page of a county's evidence audit trail, newest first.</summary>
public sealed record EvidenceAuditPage(IReadOnlyList<EvidenceAuditEntry> Entries, long Total);

/// <summary>An item awaiting a coordinator's review.</summary>
public sealed record QueuedEvidenceView(string Adcode, string CountyName, EvidenceView Item);

/// <summary>A page of the verification queue, oldest first.</summary>
public sealed record EvidenceQueuePage(IReadOnlyList<QueuedEvidenceView> Items, long Total);

/// <summary>What an uploaded roster became.</summary>
/// <param name="Enterprises">Enterprises after merging duplicates.</param>
/// <param name="Rows">Enterprise rows read.</param>
/// <param name="County">The county with its new roster evidence.</param>
public sealed record RosterImportResult(int Enterprises, int Rows, CountyResponse County);

/// <summary>Counties declare evidence and upload rosters; coordinators verify or reject; both read the audit trail.</summary>
internal static class CountyEvidenceApi
{
    public static RouteGroupBuilder MapCountyEvidenceApi(this RouteGroupBuilder api)
    {
        var counties = api.MapGroup("/counties").WithTags("Counties");
        counties.MapPost("/{adcode}/evidence", Declare).WithName("DeclareCountyEvidence")
            .WithSummary("The county declares an industry evidence item; self-declared (weighed at a share) until a coordinator verifies it.");
        counties.MapPost("/{adcode}/evidence/{id}/review", Review).WithName("ReviewCountyEvidence")
            .WithSummary("Coordinator: verify (verified: true) or reject (verified: false, with a note) a self-declared item.");
        counties.MapPost("/{adcode}/figures/{field}/review",
                (string adcode, string field, EvidenceReviewInput? input, Province province, IGrainFactory grains, FitModel model, CandidateRegistry registry, HttpContext http) =>
                    Review(adcode, DeclaredFigures.IdOf(field), input, province, grains, model, registry, http))
            .WithName("ReviewCountyFigure")
            .WithSummary("Coordinator: verify or reject (with a note) a figure or flag the county set (landQuotaMu, energyQuotaTce, landPriceFloor, fiscallyDirect, oldRevolutionaryBase); until verified the score and the price-floor check use the value in force before it.");
        counties.MapGet("/{adcode}/evidence/audit", Audit).WithName("CountyEvidenceAudit")
            .WithSummary("The county's evidence audit trail, newest first (before = a sequence, take ≤ 500); who declared, verified, rejected or replaced what, when.");
        counties.MapPost("/{adcode}/roster", UploadRoster).WithName("UploadCountyRoster")
            .WithSummary("The county uploads its enterprise roster (.xlsx or .csv, as the body or a multipart field named file): validated row by row, all or nothing; replaces its earlier roster evidence.")
            .DisableAntiforgery()
            // A roster is a file, larger than the API's 64 KiB JSON bodies.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(RosterFile.MaxBytes));
        api.MapGet("/evidence/queue", Queue).WithTags("Counties").WithName("EvidenceVerificationQueue")
            .WithSummary("Coordinator: the self-declared items awaiting review across counties, oldest first (skip, take ≤ 500).");
        return api;
    }

    private static async Task<Results<Created<CountyResponse>, NotFoundProblem, ForbiddenProblem, Rejection>> Declare(string adcode, EvidenceDeclarationInput? input, Province province, IGrainFactory grains, FitModel model, CandidateRegistry registry, HttpContext http)
    {
        if (!province.HasCounty(adcode)) return NotFoundProblem.Of($"没有代码为“{adcode}”的山东省县级行政区。");
        var actor = http.Actor();
        if (!AccessRules.CanEditCounty(actor, adcode)) return Access.Forbidden("只能为本县（市、区）申报产业证据。");
        var result = await grains.GetGrain<ICountyGrain>(adcode).DeclareEvidence(input ?? new EvidenceDeclarationInput(), actor.UserName);
        if (!result.IsOk) return Http.Rejection(result);
        var county = await CountiesApi.ToResponse(result.Value!, province, grains, model, registry.Snapshot.AsOfYear);
        return TypedResults.Created($"/api/counties/{adcode}", county);
    }

    private static async Task<Results<Ok<CountyResponse>, NotFoundProblem, ForbiddenProblem, Rejection>> Review(string adcode, string id, EvidenceReviewInput? input, Province province, IGrainFactory grains, FitModel model, CandidateRegistry registry, HttpContext http)
    {
        if (!province.HasCounty(adcode)) return NotFoundProblem.Of($"没有代码为“{adcode}”的山东省县级行政区。");
        var actor = http.Actor();
        if (!actor.IsCoordinator) return Access.Forbidden("只有省级统筹协调员可以核实县级申报的证据。");
        // A park's land waits in its county's queue (park.{id}); reviewing it reviews the park.
        if (id.StartsWith(ParkLand.Prefix, StringComparison.Ordinal))
            return await ReviewParkLand(adcode, id[ParkLand.Prefix.Length..], input, province, grains, model, registry, actor);
        var result = await grains.GetGrain<ICountyGrain>(adcode).ReviewEvidence(id, input ?? new EvidenceReviewInput(), actor.UserName);
        if (!result.IsOk) return Http.Rejection(result);
        return TypedResults.Ok(await CountiesApi.ToResponse(result.Value!, province, grains, model, registry.Snapshot.AsOfYear));
    }

    private static async Task<Results<Ok<CountyResponse>, NotFoundProblem, ForbiddenProblem, Rejection>> ReviewParkLand(string adcode, string parkId, EvidenceReviewInput? input, Province province, IGrainFactory grains, FitModel model, CandidateRegistry registry, Actor actor)
    {
        if (province.FindPark(parkId)?.CountyAdcode != adcode) return NotFoundProblem.Of($"本县没有编号为“{parkId}”的园区。");
        var result = await grains.GetGrain<IParkGrain>(parkId).ReviewLand(input ?? new EvidenceReviewInput(), actor.UserName);
        if (!result.IsOk) return Http.Rejection(result);
        var county = await grains.GetGrain<ICountyGrain>(adcode).Get();
        return TypedResults.Ok(await CountiesApi.ToResponse(county!, province, grains, model, registry.Snapshot.AsOfYear));
    }

    private static async Task<Results<Ok<EvidenceAuditPage>, NotFoundProblem, ValidationProblem>> Audit(string adcode, long? before, int? take, Province province, CountyEvidenceRows rows, CancellationToken cancellationToken)
    {
        if (!province.HasCounty(adcode)) return NotFoundProblem.Of($"没有代码为“{adcode}”的山东省县级行政区。");
        if (take is < 1 or > Paging.MaxTake)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = [$"须在 1 到 {Paging.MaxTake} 之间。"] });
        if (before is < 1)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["before"] = ["须为审计记录的序号（正整数）。"] });
        var (entries, total) = await rows.AuditAsync(adcode, before, take ?? 50, cancellationToken);
        return TypedResults.Ok(new EvidenceAuditPage(entries, total));
    }

    private static async Task<Results<Ok<EvidenceQueuePage>, ForbiddenProblem, ValidationProblem>> Queue(int? skip, int? take, Province province, CountyEvidenceRows rows, FitModel model, CandidateRegistry registry, HttpContext http, CancellationToken cancellationToken)
    {
        if (!http.Actor().IsCoordinator) return Access.Forbidden("只有省级统筹协调员可以查看核实队列。");
        if (take is < 1 or > Paging.MaxTake)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = [$"须在 1 到 {Paging.MaxTake} 之间。"] });
        if (skip is < 0 or > 100_000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["skip"] = ["须在 0 到 100000 之间。"] });
        var (items, total) = await rows.QueueAsync(skip ?? 0, take ?? 50, cancellationToken);
        var asOf = registry.Snapshot.AsOfYear;
        return TypedResults.Ok(new EvidenceQueuePage(
            [.. items.Select(q => new QueuedEvidenceView(q.Adcode, province.FindCounty(q.Adcode)?.Name ?? q.Adcode, CountyEvidenceViews.Of(q.Item, province, model, asOf)))],
            total));
    }

    private static async Task<Results<Ok<RosterImportResult>, NotFoundProblem, ForbiddenProblem, ValidationProblem, TooLargeProblem, Rejection>> UploadRoster(string adcode, string? fileName, Province province, IGrainFactory grains, FitModel model, CandidateRegistry registry, TimeProvider time, HttpContext http)
    {
        if (!province.HasCounty(adcode)) return NotFoundProblem.Of($"没有代码为“{adcode}”的山东省县级行政区。");
        var actor = http.Actor();
        if (!AccessRules.CanEditCounty(actor, adcode)) return Access.Forbidden("只能上传本县（市、区）的企业名录。");
        if (http.Request.ContentLength > RosterFile.MaxBytes) return TooLarge();

        byte[] bytes;
        var name = string.IsNullOrWhiteSpace(fileName) ? "企业名录" : fileName.Trim();
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form.Files.GetFile("file") is not { } file)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["请以名为 file 的字段上传 .xlsx 或 .csv 文件。"] });
            if (file.Length > RosterFile.MaxBytes) return TooLarge();
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, http.RequestAborted);
            bytes = buffer.ToArray();
            name = Path.GetFileName(file.FileName) is { Length: > 0 } n ? n : name;
        }
        else
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            if (buffer.Length > RosterFile.MaxBytes) return TooLarge();
            bytes = buffer.ToArray();
        }

        if (name.Length > 100 || TextInput.HasControl(name))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["fileName"] = ["文件名须在 100 个字符以内且不含控制字符。"] });

        IReadOnlyList<RosterRow> rows;
        IReadOnlyList<RosterEnterprise> enterprises;
        try
        {
            rows = RosterFile.Read(bytes);
            enterprises = Roster.Validate(rows, province);
        }
        catch (DomainValidationException e)
        {
            return TypedResults.ValidationProblem(e.Errors.ToDictionary(), "名录有误，未导入任何企业；请按行号修改后重新上传。", title: "名录校验失败");
        }

        var items = Roster.ToEvidence(enterprises, province, name, time.GetUtcNow());
        var result = await grains.GetGrain<ICountyGrain>(adcode).ReplaceRoster(items, actor.UserName);
        if (!result.IsOk) return Http.Rejection(result);
        var county = await CountiesApi.ToResponse(result.Value!, province, grains, model, registry.Snapshot.AsOfYear);
        return TypedResults.Ok(new RosterImportResult(enterprises.Count, rows.Count, county));
    }

    private static TooLargeProblem TooLarge() => new(TypedResults.Problem(
        $"名录文件不能超过 {RosterFile.MaxBytes / 1024 / 1024} MB。", statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大"));
}
