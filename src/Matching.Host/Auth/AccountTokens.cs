using System.Security.Claims;
using Matching.Contracts.Access;

namespace Matching.Host.Auth;

/// <summary>Whether an embedded token's claims still describe an account as stored.</summary>
internal static class AccountTokens
{
    /// <summary>True when the token names an existing, enabled account with the same role and county.</summary>
    public static async Task<bool> IsCurrent(ClaimsPrincipal? principal, IGrainFactory grains)
    {
        if (principal?.AsActor() is not { } actor) return false;
        var account = await grains.GetGrain<IAccountGrain>(actor.UserName).Get();
        return account is { Disabled: false } && account.Role == actor.Role && account.Adcode == actor.Adcode;
    }
}
