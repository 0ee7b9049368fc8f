using System.Globalization;
using System.Security.Claims;
using Matching.Contracts.Access;

namespace Matching.Host.Auth;

/// <summary>Whether an embedded token's claims still describe an account as stored.</summary>
internal static class AccountTokens
{
    /// <summary>
    /// True when the token names an existing, enabled account with the same role and county, issued at
    /// its current credential version (a password change refuses every token issued before it).
    /// </summary>
    public static async Task<bool> IsCurrent(ClaimsPrincipal? principal, IGrainFactory grains)
    {
        if (principal?.AsActor() is not { } actor) return false;
        return IsCurrent(principal, await grains.GetGrain<IAccountGrain>(actor.UserName).Get());
    }

    /// <summary>The same check against an account already read (one read for several connections of one account).</summary>
    public static bool IsCurrent(ClaimsPrincipal? principal, Account? account)
    {
        if (principal?.AsActor() is not { } actor) return false;
        return account is { Disabled: false } && account.UserName == actor.UserName && account.Role == actor.Role && account.Adcode == actor.Adcode
            && CredentialVersion(principal) == account.CredentialVersion;
    }

    private static int? CredentialVersion(ClaimsPrincipal principal) =>
        principal.FindFirst(Caller.CredentialVersionClaim)?.Value is not { } value ? 0
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
}
