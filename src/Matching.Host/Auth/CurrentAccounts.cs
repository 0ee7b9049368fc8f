using System.Security.Claims;
using Matching.Contracts.Access;
using Microsoft.Extensions.Caching.Memory;

namespace Matching.Host.Auth;

/// <summary>
/// The sign-in check of every request (<see cref="AccountTokens"/>) on this host, answered from a short-lived
/// copy of each enabled account instead of a call to its account grain per request. A copy lives at most
/// <see cref="AuthOptions.AccountCopyLifetime"/> (2 s), and is forgotten at once when the account is disabled or its password changed: the
/// account grain tells every host of the live-hub directory (<c>IRemoteLiveHub.CloseConnectionsOf</c>)
/// before the change is answered, and the host that took the change forgets its own copy too. A host the
/// directory missed refuses the account within that lifetime.
/// </summary>
/// <remarks>
/// Only an enabled account is kept, and a token that does not match the copy (another credential version,
/// role or county) is checked against the grain: a copy can only let through for a moment what the grain
/// let through just before, never refuse what the grain would accept (a new token after a password change,
/// an account enabled again).
/// </remarks>
public sealed class CurrentAccounts(IGrainFactory grains, Microsoft.Extensions.Options.IOptions<AuthOptions> options) : IDisposable
{
    private readonly TimeSpan _lifetime = options.Value.AccountCopyLifetime;

    private readonly MemoryCache _accounts = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    // Moved on by every forget: a grain read that began before a forget does not store what it read.
    private long _forgets;

    /// <summary>True when the principal's token names an existing, enabled account with its current role, county and credential version.</summary>
    public async ValueTask<bool> IsCurrent(ClaimsPrincipal? principal)
    {
        if (principal?.AsActor() is not { } actor) return false;
        if (_accounts.TryGetValue(actor.UserName, out Account? kept) && AccountTokens.IsCurrent(principal, kept)) return true;

        var forgets = Interlocked.Read(ref _forgets);
        var account = await grains.GetGrain<IAccountGrain>(actor.UserName).Get();
        if (account is { Disabled: false } && _lifetime > TimeSpan.Zero && Interlocked.Read(ref _forgets) == forgets)
            _accounts.Set(actor.UserName, account, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _lifetime, Size = 1 });
        else
            _accounts.Remove(actor.UserName);
        return AccountTokens.IsCurrent(principal, account);
    }

    /// <summary>Forgets the account's copy: its next request is checked against the grain.</summary>
    public void Forget(string userName)
    {
        Interlocked.Increment(ref _forgets);
        _accounts.Remove(userName);
    }

    /// <inheritdoc />
    public void Dispose() => _accounts.Dispose();
}
