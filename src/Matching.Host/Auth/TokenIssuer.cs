using System.Security.Claims;
using Matching.Contracts.Access;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Matching.Host.Auth;

/// <summary>A signed-in account as served.</summary>
/// <param name="UserName">Sign-in name.</param>
/// <param name="Role"><c>officer</c>, <c>county</c>, <c>coordinator</c> or <c>admin</c>.</param>
/// <param name="Adcode">The county of a county account.</param>
/// <param name="DisplayName">Name to show.</param>
public sealed record UserResponse(string UserName, string Role, string? Adcode, string DisplayName);

/// <summary>A token for an account.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, UserResponse User);

/// <summary>Issues the embedded default's bearer tokens (HMAC-SHA256 JWTs).</summary>
public sealed class TokenIssuer(SigningKeys keys, IOptions<AuthOptions> options, TimeProvider time)
{
    public TokenResponse Issue(Account account)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.TokenLifetime;
        var user = ToUser(account);
        var claims = new Dictionary<string, object>
        {
            [Caller.NameClaim] = account.UserName,
            [Caller.RoleClaim] = user.Role,
            [Caller.DisplayNameClaim] = account.DisplayName,
            [Caller.CredentialVersionClaim] = account.CredentialVersion,
        };
        if (account.Adcode is not null) claims[Caller.AdcodeClaim] = account.Adcode;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.EmbeddedIssuer,
            Audience = AuthOptions.EmbeddedIssuer,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, "Bearer", expires, user);
    }

    public static UserResponse ToUser(Account account) =>
        new(account.UserName, Caller.RoleName(account.Role), account.Adcode, account.DisplayName);
}
