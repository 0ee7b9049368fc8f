using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Matching.Host.Apis;

/// <summary>
/// Endpoint metadata: the endpoint can answer 200 with a file of this media type (the OpenAPI document
/// lists it beside the JSON answer, <see cref="Docs.ApiDocs"/>).
/// </summary>
public sealed record FileResponseMetadata(string ContentType);

/// <summary>
/// A file download whose type names its media type, so the endpoint's OpenAPI entry lists it. Written
/// by the wrapped <see cref="FileContentHttpResult"/> (same bytes, content type and file name).
/// </summary>
public abstract class FileDownload(FileContentHttpResult file) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    /// <summary>The file as the framework writes it.</summary>
    public FileContentHttpResult Inner { get; } = file;

    /// <inheritdoc />
    public int? StatusCode => StatusCodes.Status200OK;

    /// <inheritdoc />
    public string? ContentType => Inner.ContentType;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) => Inner.ExecuteAsync(httpContext);
}

/// <summary>An Excel workbook (.xlsx).</summary>
public sealed class XlsxFile(FileContentHttpResult file) : FileDownload(file), IEndpointMetadataProvider
{
    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new FileResponseMetadata(Lists.XlsxExport.ContentType));
}

/// <summary>A PDF document.</summary>
public sealed class PdfFile(FileContentHttpResult file) : FileDownload(file), IEndpointMetadataProvider
{
    /// <summary>The media type of PDF.</summary>
    public const string MediaType = "application/pdf";

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new FileResponseMetadata(MediaType));
}

/// <summary>An evidence file as uploaded: PDF, PNG or JPEG, recognised by content (<see cref="AttachmentsApi"/>).</summary>
public sealed class AttachmentFile(FileContentHttpResult file) : FileDownload(file), IEndpointMetadataProvider
{
    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        foreach (var type in (string[])[PdfFile.MediaType, "image/png", "image/jpeg"]) builder.Metadata.Add(new FileResponseMetadata(type));
    }
}
