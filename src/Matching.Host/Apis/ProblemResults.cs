using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Matching.Host.Apis;

/// <summary>
/// A ProblemDetails answer whose type names the statuses it can have, so an endpoint returning it in
/// its <c>Results&lt;…&gt;</c> documents those responses in OpenAPI. The framework's
/// <see cref="ProblemHttpResult"/> carries any status and documents none. The answer is written by the
/// wrapped framework result: the same body, headers and content type as <c>TypedResults.Problem</c>.
/// </summary>
public abstract class StatusProblem(IResult problem) : IResult, IStatusCodeHttpResult
{
    /// <summary>The media type every problem is written in.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>The answer as the framework writes it.</summary>
    public IResult Inner { get; } = problem;

    /// <inheritdoc />
    public int? StatusCode => (Inner as IStatusCodeHttpResult)?.StatusCode;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) => Inner.ExecuteAsync(httpContext);

    /// <summary>Documents a problem response with this status on the endpoint.</summary>
    protected static void Document(EndpointBuilder builder, int status, Type? body = null) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, body ?? typeof(ProblemDetails), [ContentType]));
}

/// <summary>404: what does not exist, or what the caller may not see (its existence is not confirmed).</summary>
public sealed class NotFoundProblem(ProblemHttpResult problem) : StatusProblem(problem), IEndpointMetadataProvider
{
    /// <summary>The 404 with the standard Chinese title.</summary>
    public static NotFoundProblem Of(string detail) =>
        new(TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "未找到"));

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status404NotFound);
}

/// <summary>403: what the caller sees but may not do.</summary>
public sealed class ForbiddenProblem(ProblemHttpResult problem) : StatusProblem(problem), IEndpointMetadataProvider
{
    /// <summary>The 403 with the standard Chinese title.</summary>
    public static ForbiddenProblem Of(string detail) =>
        new(TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "无权操作"));

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status403Forbidden);
}

/// <summary>409: the resource's state does not allow the operation.</summary>
public sealed class ConflictProblem(ProblemHttpResult problem) : StatusProblem(problem), IEndpointMetadataProvider
{
    /// <summary>The 409 with the standard Chinese title.</summary>
    public static ConflictProblem Of(string detail) =>
        new(TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "当前状态不允许此操作"));

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status409Conflict);
}

/// <summary>
/// A rejected command (<see cref="Matching.Contracts.CommandResult{T}"/>): 400 with field errors, 404,
/// 409 for a forbidden transition, 412 for a stale <c>If-Match</c>, 422 for the fair-competition rules or a
/// reused idempotency key (<see cref="Http.Rejection{T}"/>).
/// </summary>
public sealed class Rejection(IResult problem) : StatusProblem(problem), IEndpointMetadataProvider
{
    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Document(builder, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
        Document(builder, StatusCodes.Status404NotFound);
        Document(builder, StatusCodes.Status409Conflict);
        Document(builder, StatusCodes.Status412PreconditionFailed);
        Document(builder, StatusCodes.Status422UnprocessableEntity, typeof(HttpValidationProblemDetails));
    }
}

/// <summary>503: the server lacks something it needs for this answer (e.g. a CJK font for a PDF).</summary>
public sealed class UnavailableProblem(ProblemHttpResult problem) : StatusProblem(problem), IEndpointMetadataProvider
{
    /// <summary>The 503 with a Chinese title.</summary>
    public static UnavailableProblem Of(string detail, string title) =>
        new(TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: title));

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status503ServiceUnavailable);
}

/// <summary>413: an uploaded file over its limit.</summary>
public sealed class TooLargeProblem(ProblemHttpResult problem) : StatusProblem(problem), IEndpointMetadataProvider
{
    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status413PayloadTooLarge);
}

/// <summary>401 answered by a handler itself (a failed sign-in), beside the authentication middleware's.</summary>
public sealed class UnauthorizedProblem(ProblemHttpResult problem) : StatusProblem(problem), IEndpointMetadataProvider
{
    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status401Unauthorized);
}
