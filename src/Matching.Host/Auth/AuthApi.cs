using Matching.Contracts.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Matching.Host.Auth;

/// <summary>Body of a sign-in.</summary>
public sealed record TokenRequest(string? UserName, string? Password);

internal static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Sign-in");
        group.MapPost("/token", Token).AllowAnonymous().RequireRateLimiting(AuthHosting.SignInPolicy).WithName("SignIn")
            .WithSummary("Exchange a seeded account's user name and password for a bearer token (embedded issuer).");
        group.MapGet("/me", Me).WithName("WhoAmI").WithSummary("The signed-in account.");
        return group;
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Token(
        TokenRequest request, IGrainFactory grains, IPasswordHasher<Account> hasher, TokenIssuer issuer, SigningKeys keys)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName)) errors["userName"] = ["请填写用户名。"];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["请填写密码。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入校验失败");
        if (!keys.ValidationKeys.Any())
            return TypedResults.Problem("本平台使用外部身份认证，请通过单位统一身份认证登录。", statusCode: StatusCodes.Status404NotFound, title: "未启用内置登录");

        var account = await grains.GetGrain<IAccountGrain>(request.UserName!.Trim()).Get();
        // One answer for an unknown user and a wrong password, so names cannot be probed.
        if (account is null || hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password!) == PasswordVerificationResult.Failed)
            return TypedResults.Problem("用户名或密码不正确。", statusCode: StatusCodes.Status401Unauthorized, title: "登录失败");
        return TypedResults.Ok(issuer.Issue(account));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Me(HttpContext context, IGrainFactory grains)
    {
        var actor = context.Actor();
        if (await grains.GetGrain<IAccountGrain>(actor.UserName).Get() is { } account) return TypedResults.Ok(TokenIssuer.ToUser(account));
        // An external issuer's user has no stored account: describe them from their token.
        var name = context.User.FindFirst(Caller.DisplayNameClaim)?.Value ?? actor.UserName;
        return TypedResults.Ok(new UserResponse(actor.UserName, Caller.RoleName(actor.Role), actor.Adcode, name));
    }
}
