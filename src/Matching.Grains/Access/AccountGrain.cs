using System.Security.Cryptography;
using Matching.Contracts.Access;
using Matching.Contracts.Live;
using Microsoft.Extensions.Logging;
using Matching.Domain.Access;
using Matching.Grains.Persistence;

namespace Matching.Grains.Access;

/// <summary>Stored state of an account.</summary>
public sealed class AccountState
{
    public Account? Account { get; set; }
}

/// <inheritdoc cref="IAccountGrain" />
public sealed partial class AccountGrain(
    [PersistentState("account", MatchingStorage.Name)] IPersistentState<AccountState> state, ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    /// <summary>How long a host may take to close an account's connections before it is left to its own sweep.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    public Task<Account?> Get() => Task.FromResult(state.State.Account);

    public async Task<bool> Create(AccountSeed seed, string passwordHash)
    {
        if (state.State.Account is not null) return false;
        state.State.Account = new Account(seed.UserName, seed.Role, seed.Adcode, seed.DisplayName, passwordHash);
        await Write(null);
        return true;
    }

    public async Task<bool> SetPasswordHash(string passwordHash)
    {
        if (state.State.Account is not { } account) return false;
        if (account.PasswordHash == passwordHash) return true;
        state.State.Account = account with { PasswordHash = passwordHash };
        await Write(account);
        return true;
    }

    public async Task<Account?> ChangePassword(string passwordHash)
    {
        if (state.State.Account is not { } account) return null;
        state.State.Account = account with { PasswordHash = passwordHash, CredentialVersion = account.CredentialVersion + 1 };
        await Write(account);
        // Its earlier tokens are refused from now on; connections opened with them go too.
        await CloseConnections(account.UserName);
        return state.State.Account;
    }

    public async Task<bool> SetDisabled(bool disabled)
    {
        if (state.State.Account is not { } account) return false;
        if (account.Disabled == disabled) return true;
        state.State.Account = account with { Disabled = disabled };
        await Write(account);
        if (disabled) await CloseConnections(account.UserName);
        return true;
    }

    /// <summary>
    /// Closes the account's hub connections on every host (the live hubs of the directory), once the
    /// account is stored disabled: a reconnect is refused from then on. A host that does not answer
    /// closes them with its own periodic check.
    /// </summary>
    private async Task CloseConnections(string userName)
    {
        try
        {
            var hubs = await GrainFactory.GetGrain<ILiveHubDirectoryGrain>(0).GetHubs();
            await Task.WhenAll(hubs.Select(async hub =>
            {
                try
                {
                    await hub.CloseConnectionsOf(userName).WaitAsync(CloseTimeout);
                }
                catch (Exception e)
                {
                    LogCloseFailed(e, userName);
                }
            }));
        }
        catch (Exception e)
        {
            LogCloseFailed(e, userName);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the hub connections of account {UserName} (disabled or its password changed) on a host failed; its hosts close them at their next check")]
    private partial void LogCloseFailed(Exception error, string userName);

    private Task Write(Account? previous) => state.WriteOrUndo(() => state.State.Account = previous);
}

/// <summary>Stored state of the signing key.</summary>
public sealed class SigningKeyState
{
    public byte[]? Key { get; set; }
}

/// <inheritdoc cref="ISigningKeyGrain" />
public sealed class SigningKeyGrain(
    [PersistentState("signing-key", MatchingStorage.Name)] IPersistentState<SigningKeyState> state) : Grain, ISigningKeyGrain
{
    public async Task<byte[]> GetKey()
    {
        if (state.State.Key is { } key) return key;
        // The storage's first-write check makes one key win if two activations ever race.
        state.State.Key = RandomNumberGenerator.GetBytes(64);
        await state.WriteStateAsync();
        return state.State.Key;
    }

    public async Task Forget()
    {
        if (!state.RecordExists) return;
        await state.ClearStateAsync();
    }
}
