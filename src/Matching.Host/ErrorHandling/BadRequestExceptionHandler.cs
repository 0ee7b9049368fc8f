using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Host.ErrorHandling;

/// <summary>
/// Turns request-parsing failures (malformed JSON, a value of the wrong type, a missing or oversize
/// body, a wrong content type) into RFC 9457 ProblemDetails with the status the framework chose and,
/// for JSON errors, the offending field by its JSON path.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;

        ProblemDetails problem;
        if (FindJsonError(bad) is { } json)
        {
            var field = FieldOf(json.Path);
            var where = json.LineNumber is { } line ? $"（第 {line + 1} 行，第 {json.BytePositionInLine + 1} 字节）" : string.Empty;
            problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [json is Domain.DeclaredNameException names
                    ? $"须为以下取值之一（只能填一个）：{string.Join("、", names.Allowed)}{where}。"
                    : field == "body" ? $"请求体不是有效的 JSON{where}。" : $"值的类型或格式不正确{where}。"],
            })
            {
                Title = "请求体无法解析",
                Detail = "请求体不是有效的 JSON，或某个字段的类型不对。",
                Status = StatusCodes.Status400BadRequest,
            };
        }
        else
        {
            problem = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "请求体过大",
                    StatusCodes.Status415UnsupportedMediaType => "不支持的内容类型，请使用 application/json",
                    _ => "请求无效",
                },
                Detail = bad.Message,
            };
        }

        context.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static JsonException? FindJsonError(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JsonException json) return json;
        }

        return null;
    }

    /// <summary><c>$.investor.kind</c> → <c>investor.kind</c>; the root or an unknown place → <c>body</c>.</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
