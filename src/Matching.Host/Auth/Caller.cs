using System.Security.Claims;
using Matching.Domain.Access;

namespace Matching.Host.Auth;

/// <summary>The claims of Matching's tokens, and the caller they describe.</summary>
public static class Caller
{
    public const string NameClaim = "sub";
    public const string RoleClaim = "role";
    public const string AdcodeClaim = "adcode";
    public const string DisplayNameClaim = "name";

    /// <summary>The account's credential version a token was issued at (<see cref="Contracts.Access.Account.CredentialVersion"/>); absent means 0.</summary>
    public const string CredentialVersionClaim = "cver";

    /// <summary>A role as tokens and responses name it (<c>officer</c>, <c>county</c>, <c>coordinator</c>, <c>admin</c>, <c>prefecture</c>).</summary>
    public static string RoleName(Role role) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(role.ToString());

    /// <summary>The signed-in caller, or null when the principal is not a Matching account (no or unknown role).</summary>
    public static Actor? AsActor(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var name = user.FindFirst(NameClaim)?.Value;
        var role = user.FindFirst(RoleClaim)?.Value;
        if (string.IsNullOrEmpty(name) || !Enum.TryParse<Role>(role, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)) return null;
        var adcode = user.FindFirst(AdcodeClaim)?.Value;
        // A county account without its county cannot act as any county.
        if (parsed is Role.County or Role.Prefecture && string.IsNullOrEmpty(adcode)) return null;
        return new Actor(name, parsed, string.IsNullOrEmpty(adcode) ? null : adcode);
    }

    /// <summary>The caller of a request that passed authorization (every API endpoint but sign-in).</summary>
    public static Actor Actor(this HttpContext context) =>
        context.User.AsActor() ?? throw new InvalidOperationException("The endpoint requires an authorized Matching account.");
}
