using Matching.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Matching.Host.Apis;

/// <summary>Request context and result mapping shared by the feature APIs.</summary>
internal static class Http
{
    /// <summary>
    /// The version in an <c>If-Match</c> header (<c>"3"</c> or <c>3</c>), or null without one.
    /// Returns false when the header is present but is not a version.
    /// </summary>
    public static bool TryGetExpectedVersion(this HttpRequest request, out long? version)
    {
        version = null;
        var header = request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrWhiteSpace(header)) return true;
        if (long.TryParse(header.Trim().Trim('"'), out var parsed) && parsed > 0)
        {
            version = parsed;
            return true;
        }

        return false;
    }

    public static ValidationProblem BadIfMatch() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["If-Match"] = ["If-Match 须为资源的版本号，例如 \"3\"。"] },
        title: "请求头无效");

    public static string ETag(long version) => $"\"{version}\"";

    /// <summary>Maps a rejected command to its ProblemDetails; success is the caller's to shape.</summary>
    public static Rejection Rejection<T>(CommandResult<T> result) => new(result.Status switch
    {
        CommandStatus.Invalid => (IResult)TypedResults.ValidationProblem(result.Errors!, result.Detail, title: "输入校验失败"),
        CommandStatus.NotFound => TypedResults.Problem(result.Detail, statusCode: StatusCodes.Status404NotFound, title: "未找到"),
        CommandStatus.Conflict => TypedResults.Problem(result.Detail, statusCode: StatusCodes.Status409Conflict, title: "当前状态不允许此操作"),
        CommandStatus.VersionMismatch => TypedResults.Problem(result.Detail, statusCode: StatusCodes.Status412PreconditionFailed, title: "版本已变化"),
        CommandStatus.Rejected => TypedResults.Problem(new HttpValidationProblemDetails(result.Errors!)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "不符合公平竞争审查规则",
            Detail = result.Detail,
        }),
        CommandStatus.KeyReused => TypedResults.Problem(new HttpValidationProblemDetails(result.Errors!)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "幂等键重复使用",
            Detail = result.Detail,
        }),
        _ => throw new InvalidOperationException($"{result.Status} is not a rejection."),
    });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "未找到");

    /// <summary>Longest accepted <c>Idempotency-Key</c>.</summary>
    private const int MaxIdempotencyKeyLength = 200;

    /// <summary>The request's <c>Idempotency-Key</c> (null when absent), or the 400 to answer for a bad one.</summary>
    public static bool TryIdempotencyKey(this HttpRequest request, out string? key, out ValidationProblem? bad)
    {
        var value = request.Headers["Idempotency-Key"].ToString();
        (key, bad) = (value.Length == 0 ? null : value, null);
        if (value.Length <= MaxIdempotencyKeyLength && !value.Any(char.IsControl)) return true;
        bad = TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["Idempotency-Key"] = [$"不能超过 {MaxIdempotencyKeyLength} 个字符，且不能含控制字符。"] }, title: "请求头无效");
        return false;
    }
}
