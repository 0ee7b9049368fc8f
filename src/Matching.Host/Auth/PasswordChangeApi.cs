using Matching.Contracts.Access;
using Matching.Domain.Access;
using Matching.Domain.Validation;
using Matching.Grains.Access;
using Matching.Host.Apis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Matching.Host.Auth;

/// <summary>Body of an account changing its own password.</summary>
/// <param name="CurrentPassword">The password the account signs in with now.</param>
/// <param name="NewPassword">The new one (<see cref="PasswordPolicy"/>).</param>
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

/// <summary>
/// Any signed-in account of the embedded issuer changes its own password
/// (<c>POST /api/accounts/me/password</c>). The current password is checked as sign-in checks it (one
/// hash verification, failures counted by <see cref="SignInThrottle"/> per client and per user name);
/// the change is audited; every token issued before it is refused from then on (the account's
/// credential version moves on, as a disable refuses them) and its hub connections are closed; the
/// answer carries a fresh token for the caller.
/// </summary>
internal static class PasswordChangeApi
{
    private const int MaxPassword = 1000;

    /// <summary>Written in the account's audit as the reason.</summary>
    internal const string AuditReason = "账号本人修改密码";

    public static RouteGroupBuilder MapPasswordChangeApi(this RouteGroupBuilder api)
    {
        // Outside the admins-only accounts group: every signed-in account may change its own password.
        api.MapPost("/accounts/me/password", Change).WithTags("Sign-in").WithName("ChangeOwnPassword")
            .WithSummary("修改本人密码：须提供当前密码，新密码至少 12 位、含三类字符且不含用户名。修改后此前签发的令牌全部失效，响应中返回新令牌。");
        return api;
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, NotFoundProblem, EmptyHttpResult>> Change(
        PasswordChangeRequest request, HttpContext http, IGrainFactory grains, CurrentAccounts current, SignInGuard guard, SignInThrottle throttle, TokenIssuer issuer,
        SigningKeys keys, IPasswordHasher<Account> hasher, AccountChanges changes, TimeProvider time, CancellationToken cancellationToken)
    {
        var actor = http.Actor();
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(request.CurrentPassword)) errors.Add("currentPassword", "请填写当前密码。");
        else if (request.CurrentPassword.Length > MaxPassword) errors.Add("currentPassword", $"密码不能超过 {MaxPassword} 个字符。");
        PasswordPolicy.Check(request.NewPassword, actor.UserName, "newPassword", errors);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "输入校验失败");

        var grain = grains.GetGrain<IAccountGrain>(actor.UserName);
        if (!keys.ValidationKeys.Any() || await grain.Get() is not { } stored)
            return new NotFoundProblem(TypedResults.Problem("本平台使用外部身份认证，请在单位统一身份认证系统中修改密码。", statusCode: StatusCodes.Status404NotFound, title: "未启用内置登录"));

        if (throttle.Blocked(http, actor.UserName) is { } wait)
        {
            await AuthHosting.TooManyRequests(http, wait);
            return TypedResults.Empty;
        }

        // The same work as a sign-in, whatever the outcome; a wrong password counts as a failed sign-in.
        if (guard.Verify(stored, request.CurrentPassword!) is not { } account)
        {
            throttle.Failed(http, actor.UserName);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["当前密码不正确。"] }, title: "当前密码不正确");
        }

        if (request.NewPassword == request.CurrentPassword)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = ["新密码不能与当前密码相同。"] }, title: "输入校验失败");

        var hash = hasher.HashPassword(account, request.NewPassword!);
        // On record first, as every account change: a change that is not audited never happens.
        await changes.RecordAsync(account.UserName, new AccountChange(account.UserName, account.Disabled, AuditReason, time.GetUtcNow(), AccountChange.PasswordChanged), cancellationToken);
        var changed = await grain.ChangePassword(hash);
        current.Forget(account.UserName);
        return TypedResults.Ok(issuer.Issue(changed!));
    }
}
