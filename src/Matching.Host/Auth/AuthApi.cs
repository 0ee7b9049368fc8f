using Matching.Contracts.Access;
using Matching.Host.Apis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Matching.Host.Auth;

/// <summary>Body of a sign-in.</summary>
public sealed record TokenRequest(string? UserName, string? Password);

internal static class AuthApi
{
    private const int MaxUserName = 100, MaxPassword = 1000;

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Sign-in");
        group.MapPost("/token", Token).AllowAnonymous().WithName("SignIn")
            .WithSummary("Exchange a seeded account's user name and password for a bearer token (embedded issuer).");
        group.MapGet("/me", Me).WithName("WhoAmI").WithSummary("The signed-in account.");
        return group;
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, NotFoundProblem, UnauthorizedProblem, EmptyHttpResult>> Token(
        TokenRequest request, HttpContext http, IGrainFactory grains, SignInGuard guard, SignInThrottle throttle, TokenIssuer issuer, SigningKeys keys)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName)) errors["userName"] = ["请填写用户名。"];
        else if (request.UserName.Length > MaxUserName || Domain.Validation.TextInput.HasControl(request.UserName)) errors["userName"] = ["用户名格式不正确。"];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["请填写密码。"];
        else if (request.Password.Length > MaxPassword) errors["password"] = [$"密码不能超过 {MaxPassword} 个字符。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入校验失败");
        if (!keys.ValidationKeys.Any())
            return new NotFoundProblem(TypedResults.Problem("本平台使用外部身份认证，请通过单位统一身份认证登录。", statusCode: StatusCodes.Status404NotFound, title: "未启用内置登录"));

        var userName = request.UserName!.Trim();
        if (throttle.Blocked(http, userName) is { } wait)
        {
            await AuthHosting.TooManyRequests(http, wait);
            return TypedResults.Empty;
        }

        // One answer, after the same work, for an unknown user, a disabled one and a wrong password.
        var account = guard.Verify(await grains.GetGrain<IAccountGrain>(userName).Get(), request.Password!);
        if (account is null)
        {
            throttle.Failed(http, userName);
            return new UnauthorizedProblem(TypedResults.Problem("用户名或密码不正确。", statusCode: StatusCodes.Status401Unauthorized, title: "登录失败"));
        }

        return TypedResults.Ok(issuer.Issue(account));
    }

    private static async Task<Ok<UserResponse>> Me(HttpContext context, IGrainFactory grains)
    {
        var actor = context.Actor();
        if (await grains.GetGrain<IAccountGrain>(actor.UserName).Get() is { } account) return TypedResults.Ok(TokenIssuer.ToUser(account));
        // An external issuer's user has no stored account: describe them from their token.
        var name = context.User.FindFirst(Caller.DisplayNameClaim)?.Value ?? actor.UserName;
        return TypedResults.Ok(new UserResponse(actor.UserName, Caller.RoleName(actor.Role), actor.Adcode, name));
    }
}
