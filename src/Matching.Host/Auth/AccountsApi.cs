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
/// <param name="Changes">Creation, disabling and enabling, newest first (a page of them).</param>
/// <param name="TotalChanges">How many there are in all.</param>
public sealed record AccountResponse(string UserName, string Role, string? Adcode, string DisplayName, bool Disabled, IReadOnlyList<AccountChange> Changes, long TotalChanges);

/// <summary>An account in the list (<c>GET /api/accounts</c>).</summary>
/// <param name="UserName">The sign-in name.</param>
/// <param name="Role">officer, county, coordinator, admin or prefecture.</param>
/// <param name="Adcode">The county or prefecture it is bound to.</param>
/// <param name="DisplayName">The name shown to people.</param>
/// <param name="Disabled">True while it may not sign in.</param>
public sealed record AccountSummary(string UserName, string Role, string? Adcode, string DisplayName, bool Disabled);

/// <summary>Body of creating an account.</summary>
/// <param name="UserName">3 to 40 characters: lower-case letters, digits, <c>.</c>, <c>_</c>, <c>-</c>, starting with a letter or digit.</param>
/// <param name="DisplayName">The name shown to people (up to 100 characters).</param>
/// <param name="Role">officer, county, coordinator, admin or prefecture.</param>
/// <param name="Adcode">A county account's county, a prefecture account's prefecture, optionally a county-level officer's county; none for coordinators and admins.</param>
/// <param name="Password">The first password (<see cref="Domain.Access.PasswordPolicy"/>).</param>
/// <param name="Reason">Why the account is created (kept in the account's audit).</param>
public sealed record AccountCreateRequest(string? UserName, string? DisplayName, string? Role, string? Adcode, string? Password, string? Reason);

/// <summary>Body of disabling or enabling an account.</summary>
/// <param name="Disabled">True to disable, false to enable again.</param>
/// <param name="Reason">Why (required; kept in the account's audit).</param>
public sealed record AccountStatusRequest(bool? Disabled, string? Reason);

/// <summary>
/// Operations on accounts: an admin lists them, creates one (its role and the county or prefecture it
/// is bound to, a first password), disables one (someone left, a token leaked) and enables it again.
/// A disabled account cannot sign in, every token it holds is refused at once (each request checks the
/// stored account, <see cref="AccountTokens"/>) and its hub connections are closed on every host.
/// Creation, disabling and enabling are appended to the account's audit (<see cref="AccountChanges"/>).
/// </summary>
internal static partial class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        // Only admins, on the group, so no handler added here can forget it.
        var group = api.MapGroup("/accounts").WithTags("Accounts")
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.AsActor() is { Role: Role.Admin }));
        group.MapGet("/", List).WithName("ListAccounts")
            .WithSummary("账号列表（按用户名排序，可按 role 筛选、按 q 搜索用户名或姓名，skip/take 分页，总数见 X-Total-Count）。仅管理员。");
        // Their ProblemHttpResult carries 404 or 409, which its type does not say.
        group.MapPost("/", Create).WithName("CreateAccount").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("新建账号：角色与所属县区或设区市、初始密码（至少 12 位，含三类字符）、理由（记入账号审计）。仅管理员。");
        group.MapGet("/{userName}", Get).WithName("GetAccount").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("查看账号（不含密码）及其停用、启用记录（最新在前，skip/take 分页）。仅管理员。");
        group.MapPut("/{userName}/status", SetStatus).WithName("SetAccountStatus").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("停用或重新启用账号（须填写理由，记入账号审计）。停用后不能登录，已签发的令牌立即失效。仅管理员。");
        return group;
    }

    private const int MaxListTake = 100;

    private static async Task<Results<Ok<AccountSummary[]>, ValidationProblem>> List(
        HttpContext http, IGrainFactory grains, AccountDirectory directory, string? role, string? q, int? skip, int? take, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if ((skip ?? 0) < 0) errors.Add("skip", "不能为负数。");
        if (take is < 1 or > MaxListTake) errors.Add("take", $"须在 1 到 {MaxListTake} 之间。");
        var parsed = string.IsNullOrEmpty(role) ? null : ParseRole(role, "role", errors);
        var text = TextInput.Check(q, "q", 100, errors, required: false);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "查询参数无效");

        var (page, total) = string.IsNullOrEmpty(text)
            ? await directory.ReadAsync(parsed, skip ?? 0, take ?? 50, cancellationToken)
            : await AccountSearch.ReadAsync(directory, parsed, text, skip ?? 0, take ?? 50, cancellationToken);
        // Whether each is disabled is the account's own state, read for the page only.
        var accounts = await Task.WhenAll(page.Select(a => grains.GetGrain<IAccountGrain>(a.UserName).Get()));
        http.Response.Headers[Paging.TotalHeader] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(page.Zip(accounts)
            .Select(p => new AccountSummary(p.First.UserName, Caller.RoleName(p.First.Role), p.First.Adcode, p.First.DisplayName, p.Second?.Disabled ?? false))
            .ToArray());
    }

    private static async Task<Results<Created<AccountResponse>, ProblemHttpResult, ValidationProblem>> Create(
        AccountCreateRequest request, HttpContext http, IGrainFactory grains, Domain.Geography.Province province, AccountChanges changes, AccountDirectory directory,
        Microsoft.AspNetCore.Identity.IPasswordHasher<Account> hasher, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var userName = request.UserName?.Trim() ?? "";
        if (userName.Length == 0) errors.Add("userName", "必填，不能为空。");
        else if (!UserNamePattern().IsMatch(userName))
            errors.Add("userName", "用户名须为 3 到 40 个字符：小写字母、数字、“.”“_”“-”，以字母或数字开头。");
        var displayName = TextInput.Check(request.DisplayName, "displayName", 100, errors, required: true);
        var role = request.Role is null ? null : ParseRole(request.Role, "role", errors);
        if (request.Role is null) errors.Add("role", "必填：officer、county、coordinator、admin 或 prefecture。");
        var adcode = string.IsNullOrWhiteSpace(request.Adcode) ? null : request.Adcode.Trim();
        if (role is { } r) CheckScope(r, adcode, province, errors);
        PasswordPolicy.Check(request.Password, userName, "password", errors);
        var reason = TextInput.Check(request.Reason, "reason", 500, errors, required: true);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "输入校验失败");

        var grain = grains.GetGrain<IAccountGrain>(userName);
        if (await grain.Get() is not null) return Exists(userName);
        var seed = new AccountSeed(userName, role!.Value, adcode, displayName);
        var hash = hasher.HashPassword(null!, request.Password!);
        // On record before it exists, and listed: a retry after a failure in between completes it.
        await changes.RecordAsync(userName, new AccountChange(http.Actor().UserName, false, reason, time.GetUtcNow(), AccountChange.Created), cancellationToken);
        await directory.AddAsync([new AccountEntry(userName, seed.Role, adcode, displayName)], cancellationToken);
        if (!await grain.Create(seed, hash)) return Exists(userName);
        return TypedResults.Created($"/api/accounts/{userName}", await View((await grain.Get())!, changes, 0, 20, cancellationToken));
    }

    /// <summary>What a role is bound to: a county account to a county, a prefecture account to a prefecture, coordinators and admins to nothing.</summary>
    private static void CheckScope(Role role, string? adcode, Domain.Geography.Province province, FieldErrors errors)
    {
        switch (role)
        {
            case Role.County when adcode is null:
                errors.Add("adcode", "县区账号须填写所属县（市、区）的 6 位行政区划代码。");
                break;
            case Role.County or Role.Officer when adcode is not null && !province.HasCounty(adcode):
                errors.Add("adcode", $"“{FieldErrors.Quote(adcode)}”不是山东省的县（市、区）行政区划代码。");
                break;
            case Role.Prefecture when adcode is null:
                errors.Add("adcode", "设区市账号须填写所属设区市的 6 位行政区划代码（如济宁市 370800）。");
                break;
            case Role.Prefecture when !province.Prefectures.Any(p => p.Adcode == adcode):
                errors.Add("adcode", $"“{FieldErrors.Quote(adcode)}”不是山东省设区市的行政区划代码。");
                break;
            case Role.Coordinator or Role.Admin when adcode is not null:
                errors.Add("adcode", "省级统筹协调员和管理员账号不属于任何县区，请不要填写。");
                break;
        }
    }

    /// <summary>One declared role name (as tokens name them); a list, a number or another word is the field's error.</summary>
    private static Role? ParseRole(string value, string field, FieldErrors errors)
    {
        var role = Enum.GetValues<Role>().Where(r => Caller.RoleName(r) == value.Trim()).Select(r => (Role?)r).FirstOrDefault();
        if (role is null) errors.Add(field, $"“{FieldErrors.Quote(value)}”不是有效的角色：officer、county、coordinator、admin 或 prefecture。");
        return role;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,39}$")]
    private static partial System.Text.RegularExpressions.Regex UserNamePattern();

    private static ProblemHttpResult Exists(string userName) =>
        TypedResults.Problem($"用户名“{FieldErrors.Quote(userName)}”已被占用。", statusCode: StatusCodes.Status409Conflict, title: "账号已存在");

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult, ValidationProblem>> Get(
        string userName, IGrainFactory grains, AccountChanges changes, int? skip, int? take, CancellationToken cancellationToken)
    {
        if ((skip ?? 0) < 0 || take is < 1 or > Paging.MaxTake)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [(skip ?? 0) < 0 ? "skip" : "take"] = [$"skip 不能为负数，take 须在 1 到 {Paging.MaxTake} 之间。"] }, title: "分页参数无效");
        if (await grains.GetGrain<IAccountGrain>(userName).Get() is not { } account) return NotFound(userName);
        return TypedResults.Ok(await View(account, changes, skip ?? 0, take ?? 20, cancellationToken));
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult, ValidationProblem>> SetStatus(
        string userName, AccountStatusRequest request, HttpContext http, IGrainFactory grains, AccountChanges changes, TimeProvider time, CurrentAccounts current,
        CancellationToken cancellationToken)
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
            // The grain has told the hosts of the directory; this host forgets its copy whether or not it is among them.
            current.Forget(account.UserName);
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
