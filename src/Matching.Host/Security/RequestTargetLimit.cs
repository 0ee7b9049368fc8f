namespace Matching.Host.Security;

/// <summary>
/// Answers a request target longer than <see cref="SecurityHosting.MaxRequestTarget"/> with a 414
/// ProblemDetails, instead of passing a 10,000-character adcode on to a grain key.
/// </summary>
internal sealed class RequestTargetLimit(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var length = context.Request.PathBase.Value?.Length + context.Request.Path.Value?.Length + context.Request.QueryString.Value?.Length ?? 0;
        if (length <= SecurityHosting.MaxRequestTarget)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status414UriTooLong;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status414UriTooLong,
                Title = "请求地址过长",
                Detail = $"请求地址（路径与查询）不能超过 {SecurityHosting.MaxRequestTarget} 个字符。",
            },
        });
    }
}
