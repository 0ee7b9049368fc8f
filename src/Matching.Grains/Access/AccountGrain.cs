using System.Security.Cryptography;
using Matching.Contracts.Access;
using Matching.Domain.Access;
using Matching.Grains.Persistence;

namespace Matching.Grains.Access;

/// <summary>Stored state of an account.</summary>
public sealed class AccountState
{
    public Account? Account { get; set; }
}

/// <inheritdoc cref="IAccountGrain" />
public sealed class AccountGrain(
    [PersistentState("account", MatchingStorage.Name)] IPersistentState<AccountState> state) : Grain, IAccountGrain
{
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

    public async Task<bool> SetDisabled(bool disabled)
    {
        if (state.State.Account is not { } account) return false;
        if (account.Disabled == disabled) return true;
        state.State.Account = account with { Disabled = disabled };
        await Write(account);
        return true;
    }

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
