using System.Security.Cryptography;
using Matching.Contracts;
using Matching.Contracts.Attachments;
using Matching.Domain.Access;
using Matching.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Matching.Host.Apis;

/// <summary>An uploaded evidence file as served.</summary>
public sealed record AttachmentResponse(Guid Id, Guid ProjectId, string FileName, string ContentType, long Length, string Sha256, string UploadedBy, DateTimeOffset UploadedAt)
{
    public static AttachmentResponse Of(Attachment a) => new(a.Id, a.ProjectId, a.FileName, a.ContentType, a.Length, a.Sha256, a.UploadedBy, a.UploadedAt);
}

/// <summary>
/// Evidence files of stage reports: uploaded by the landing county (multipart field <c>file</c>, at most
/// 10 MB, PDF, PNG or JPEG as recognised by the content's first bytes, whatever name or type the client
/// claims), read by the project's parties, its officer and coordinators.
/// </summary>
internal static class AttachmentsApi
{
    /// <summary>Largest accepted file.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Largest request the upload reads: a file a little over the limit still gets the answer naming the field.</summary>
    private const long MaxRequestBytes = 2 * MaxFileBytes;

    public static RouteGroupBuilder MapAttachmentsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{id:guid}/attachments", Upload).WithTags("Landing").WithName("UploadAttachment")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes)).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Upload an evidence file for a stage report (the landing county): multipart field 'file', at most 10 MB, PDF/PNG/JPEG by content (413/415 naming 'file').");
        api.MapGet("/attachments/{id:guid}", Download).WithTags("Landing").WithName("DownloadAttachment")
            .WithSummary("An evidence file, with its recognised content type (the project's parties, its officer, coordinators).");
        return api;
    }

    private static async Task<Results<Created<AttachmentResponse>, NotFoundProblem, ForbiddenProblem, ProblemHttpResult>> Upload(Guid id, HttpContext http, IGrainFactory grains, IBlobStore blobs, TimeProvider time, CancellationToken cancellationToken)
    {
        var actor = http.Actor();
        var (project, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        var landing = await grains.GetGrain<IProjectGrain>(id).GetLanding();
        if (landing?.County is null || !actor.IsCounty(landing.County))
            return Access.Forbidden("只有该项目的落地县可以上传落地进度证明材料。");

        if (!http.Request.HasFormContentType)
            return Problem(StatusCodes.Status415UnsupportedMediaType, "不支持的内容类型", "请以 multipart/form-data 上传，文件字段名为 file。");
        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { } file || file.Length == 0)
            return Problem(StatusCodes.Status400BadRequest, "缺少文件", "请选择要上传的文件（字段 file）。");
        if (file.Length > MaxFileBytes)
            return Problem(StatusCodes.Status413PayloadTooLarge, "文件过大", $"文件不能超过 10 MB（收到 {file.Length / 1024.0 / 1024.0:0.0} MB）。");

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, cancellationToken);
        if (ContentTypeOf(content) is not { } type)
            return Problem(StatusCodes.Status415UnsupportedMediaType, "文件类型不支持", "只接受 PDF、PNG 或 JPEG 文件（按文件内容识别）。");

        var name = SafeName(file.FileName, type);
        var attachment = new Attachment(Guid.CreateVersion7(), project!.Id, name, type, content.Length,
            Convert.ToHexStringLower(SHA256.HashData(content)), actor.UserName, time.GetUtcNow());
        await blobs.PutAsync(attachment, content, cancellationToken);
        return TypedResults.Created($"/api/attachments/{attachment.Id}", AttachmentResponse.Of(attachment));
    }

    private static async Task<Results<AttachmentFile, NotFoundProblem>> Download(Guid id, HttpContext http, IGrainFactory grains, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var actor = http.Actor();
        var attachment = await blobs.GetAsync(id, cancellationToken);
        if (attachment is null) return NotFoundProblem.Of($"附件 {id} 不存在。");
        var (project, denied) = await Access.Visible(grains, attachment.ProjectId, actor);
        if (denied is not null || !LandingApi.MaySee(actor, project!, await grains.GetGrain<IProjectGrain>(project!.Id).GetLanding()))
            return NotFoundProblem.Of($"附件 {id} 不存在。");
        var content = await blobs.ReadAsync(id, cancellationToken);
        if (content is null) return NotFoundProblem.Of($"附件 {id} 不存在。");
        var disposition = new ContentDispositionHeaderValue(attachment.ContentType == "application/pdf" ? "attachment" : "inline");
        disposition.SetHttpFileName(attachment.FileName);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return new AttachmentFile(TypedResults.Bytes(content, attachment.ContentType));
    }

    /// <summary>The type the content's first bytes say it is, or null for anything but PDF, PNG and JPEG.</summary>
    internal static string? ContentTypeOf(ReadOnlySpan<byte> content) =>
        content.StartsWith("%PDF-"u8) ? "application/pdf"
        : content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : null;

    /// <summary>The uploaded name without a path or control characters, ending as its type does.</summary>
    private static string SafeName(string? uploaded, string type)
    {
        var name = Path.GetFileName(uploaded ?? string.Empty).Trim();
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not ('"' or '\\' or '/'))]);
        if (name.Length > 150) name = name[^150..];
        var extension = type switch { "application/pdf" => ".pdf", "image/png" => ".png", _ => ".jpg" };
        if (name.Length == 0) name = "证明材料" + extension;
        var has = Path.GetExtension(name).ToLowerInvariant();
        return has == extension || (extension == ".jpg" && has == ".jpeg") ? name : name + extension;
    }

    private static ProblemHttpResult Problem(int status, string title, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["file"] = [message] })
        {
            Status = status,
            Title = title,
            Detail = message,
        });
}
