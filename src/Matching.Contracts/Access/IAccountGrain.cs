using Matching.Domain.Access;

namespace Matching.Contracts.Access;

/// <summary>
/// A sign-in account, keyed by user name. Only the password's hash is stored (ASP.NET Core's
/// password hasher, in the host); the grain never sees a password.
/// </summary>
[Alias("Matching.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>The account, or null when it does not exist.</summary>
    [Alias("Get"), ReadOnly]
    Task<Account?> Get();

    /// <summary>Creates the account unless it exists; returns true when it was created.</summary>
    [Alias("Create")]
    Task<bool> Create(AccountSeed seed, string passwordHash);

    /// <summary>Replaces the password hash of an existing account; false when there is none.</summary>
    [Alias("SetPasswordHash")]
    Task<bool> SetPasswordHash(string passwordHash);

    /// <summary>Disables (or enables again) an existing account: a disabled account cannot sign in and its tokens are refused. False when there is none.</summary>
    [Alias("SetDisabled")]
    Task<bool> SetDisabled(bool disabled);

    /// <summary>
    /// The account's own password change: replaces the hash and moves <see cref="Account.CredentialVersion"/> on,
    /// so that every token issued before is refused, and closes the account's hub connections as disabling does.
    /// Returns the account as stored now, or null when there is none.
    /// </summary>
    [Alias("ChangePassword")]
    Task<Account?> ChangePassword(string passwordHash);
}

/// <summary>
/// A stored account. <see cref="CredentialVersion"/> counts the account's own password changes; its tokens
/// carry the version they were issued at and are honoured only while it is current.
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.Account")]
public sealed record Account(
    [property: Id(0)] string UserName,
    [property: Id(1)] Role Role,
    [property: Id(2)] string? Adcode,
    [property: Id(3)] string DisplayName,
    [property: Id(4)] string PasswordHash,
    [property: Id(5)] bool Disabled = false,
    [property: Id(6)] int CredentialVersion = 0);

/// <summary>
/// The embedded issuer's signing key kept in grain storage: only for hosts sharing PostgreSQL without a
/// configured key (<c>Auth:SigningKey</c>); the embedded profile keeps its key in a file of its own.
/// </summary>
[Alias("Matching.ISigningKeyGrain")]
public interface ISigningKeyGrain : IGrainWithStringKey
{
    /// <summary>The key (at least 256 bits), created on first use.</summary>
    [Alias("GetKey")]
    Task<byte[]> GetKey();

    /// <summary>Deletes the stored key (hosts that keep their key apart from grain state); nothing is written when there is none.</summary>
    [Alias("Forget")]
    Task Forget();
}

/// <summary>One audited reveal.</summary>
[GenerateSerializer, Immutable, Alias("Matching.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] string Actor,
    [property: Id(1)] DateTimeOffset At);
