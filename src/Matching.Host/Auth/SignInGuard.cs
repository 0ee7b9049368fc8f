using Matching.Contracts.Access;
using Microsoft.AspNetCore.Identity;

namespace Matching.Host.Auth;

/// <summary>
/// Checks a password so that every failure looks the same from outside: an unknown or disabled
/// account costs one password-hash verification too (against a hash made once at start), so the
/// answer's time does not tell which user names exist.
/// </summary>
public sealed class SignInGuard(IPasswordHasher<Account> hasher)
{
    private readonly Lazy<Account> _nobody = new(() =>
    {
        var nobody = new Account("", Domain.Access.Role.Officer, null, "", "");
        return nobody with { PasswordHash = hasher.HashPassword(nobody, AccountSeeder.NewPassword()) };
    });

    /// <summary>Made before the first sign-in, so that the first unknown user is not the slow one.</summary>
    public void Prepare() => _ = _nobody.Value;

    /// <summary>The account when it exists, is enabled and the password is its own; otherwise null, after the same work.</summary>
    public Account? Verify(Account? account, string password)
    {
        var usable = account is { Disabled: false } ? account : null;
        var against = usable ?? _nobody.Value;
        var result = hasher.VerifyHashedPassword(against, against.PasswordHash, password);
        return usable is not null && result != PasswordVerificationResult.Failed ? usable : null;
    }
}
