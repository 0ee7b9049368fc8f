using Matching.Contracts.Access;
using Matching.Domain.Access;
using Matching.Domain.Validation;
using Matching.Grains.Access;
using Matching.Host.Apis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Auth;

/// <summary>An account as operations see it (never its password hash), with its latest changes.</summary>
/// <param name="UserName">The sign-in name.</param>
/// <param name="Role">officer, county, coordinator or admin.</param>
/// <param name="Adcode">The county of a county account.</param>
/// <param name="DisplayName">The name shown to people.</param>
/// <param name="Disabled">True while it may not sign in.</param>
/// <param name="Changes">Disabling and enabling, newest first (a page of them).</param>
/// <param name="TotalChanges">How many there are in all.</param>
public sealed record AccountResponse(string UserName, string Role, string? Adcode, string DisplayName, bool Disabled, IReadOnlyList<AccountChange> Changes, long TotalChanges);

/// <summary>Body of disabling or enabling an account.</summary>
/// <param name="Disabled">True to disable, false to enable again.</param>
/// <param name="Reason">Why (required; kept in the account's audit).</param>
public sealed record AccountStatusRequest(bool? Disabled, string? Reason);

/// <summary>
/// Operations on accounts: an admin disables an account (someone left, a token leaked) and enables it
/// again. A disabled account cannot sign in and every token it holds is refused at once, because each
/// request checks the stored account (<see cref="AccountTokens"/>).
/// </summary>
internal static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        // Only admins, on the group, so no handler added here can forget it.
        var group = api.MapGroup("/accounts").WithTags("Accounts")
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.AsActor() is { Role: Role.Admin }));
        group.MapGet("/{userName}", Get).WithName("GetAccount")
            .WithSummary("查看账号（不含密码）及其停用、启用记录（最新在前，skip/take 分页）。仅管理员。");
        group.MapPut("/{userName}/status", SetStatus).WithName("SetAccountStatus")
            .WithSummary("停用或重新启用账号（须填写理由，记入账号审计）。停用后不能登录，已签发的令牌立即失效。仅管理员。");
        return group;
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult, ValidationProblem>> Get(
        string userName, IGrainFactory grains, AccountChanges changes, int? skip, int? take, CancellationToken cancellationToken)
    {
        if ((skip ?? 0) < 0 || take is < 1 or > Paging.MaxTake)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [(skip ?? 0) < 0 ? "skip" : "take"] = [$"skip 不能为负数，take 须在 1 到 {Paging.MaxTake} 之间。"] }, title: "分页参数无效");
        if (await grains.GetGrain<IAccountGrain>(userName).Get() is not { } account) return NotFound(userName);
        return TypedResults.Ok(await View(account, changes, skip ?? 0, take ?? 20, cancellationToken));
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult, ValidationProblem>> SetStatus(
        string userName, AccountStatusRequest request, HttpContext http, IGrainFactory grains, AccountChanges changes, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.Disabled is null) errors.Add("disabled", "必填：true 停用，false 重新启用。");
        var reason = TextInput.Check(request.Reason, "reason", 500, errors, required: true);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "输入校验失败");

        var actor = http.Actor();
        var grain = grains.GetGrain<IAccountGrain>(userName);
        if (await grain.Get() is not { } account) return NotFound(userName);
        if (account.UserName == actor.UserName && request.Disabled == true)
            return TypedResults.Problem("不能停用自己正在使用的账号，请由另一位管理员操作。", statusCode: StatusCodes.Status409Conflict, title: "不能停用本账号");

        if (account.Disabled != request.Disabled)
        {
            // The audit row first: a change that is not on record never happens (a retry writes the state again).
            await changes.RecordAsync(account.UserName, new AccountChange(actor.UserName, request.Disabled!.Value, reason, time.GetUtcNow()), cancellationToken);
            await grain.SetDisabled(request.Disabled!.Value);
        }

        return TypedResults.Ok(await View((await grain.Get())!, changes, 0, 20, cancellationToken));
    }

    private static ProblemHttpResult NotFound(string userName) =>
        TypedResults.Problem($"没有用户名为“{FieldErrors.Quote(userName)}”的账号。", statusCode: StatusCodes.Status404NotFound, title: "未找到");

    private static async Task<AccountResponse> View(Account account, AccountChanges changes, int skip, int take, CancellationToken cancellationToken)
    {
        var (page, total) = await changes.ReadAsync(account.UserName, skip, take, cancellationToken);
        return new AccountResponse(account.UserName, Caller.RoleName(account.Role), account.Adcode, account.DisplayName, account.Disabled, page, total);
    }
}
