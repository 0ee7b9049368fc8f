using System.Security.Cryptography;
using System.Text;
using Matching.Contracts;
using Matching.Contracts.Access;
using Matching.Domain.Access;
using Matching.Domain.Geography;
using Matching.Host.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Matching.Host.Auth;

/// <summary>Set once the seeded accounts exist (readiness).</summary>
public sealed class AccountStatus : StartupSignal
{
    public override string Step => "accounts";
}

/// <summary>
/// Loads the signing key before the web server starts, then creates the seeded accounts that do not
/// exist yet. Generated passwords are printed once, when their account is created; a configured
/// <c>Auth:SeedPassword</c> is applied to every seeded account whenever it changes.
/// </summary>
public sealed partial class AccountSeeder(
    IGrainFactory grains,
    Province province,
    SigningKeys keys,
    AccountStatus status,
    IPasswordHasher<Account> hasher,
    SignInGuard guard,
    Grains.Access.AccountDirectory directory,
    IOptions<AuthOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<AccountSeeder> logger) : IHostedService
{
    /// <summary>The ledger entry recording which configured seed password was applied.</summary>
    public const string LedgerKey = "accounts";

    private Task _seeding = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.Value.Authority))
        {
            status.Complete("external issuer: no seeded accounts");
            return;
        }

        await LoadKeys();
        // Hashing is deliberately slow; the accounts are created beside the rest of start-up.
        _seeding = Task.Run(() => Seed(CancellationToken.None), CancellationToken.None);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _seeding.WaitAsync(cancellationToken);

    /// <summary>
    /// The signing keys from the configured secret, else (embedded) the key file; a key an earlier
    /// version kept in grain state is deleted. Hosts sharing PostgreSQL without a configured secret
    /// fall back to the key in storage, and say so.
    /// </summary>
    private async Task LoadKeys()
    {
        var auth = options.Value;
        var stored = grains.GetGrain<ISigningKeyGrain>(AuthOptions.EmbeddedIssuer);
        if (!string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            keys.Load(SigningKeys.Parse(auth.SigningKey, "Auth:SigningKey"),
                auth.PreviousSigningKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => SigningKeys.Parse(k, "Auth:PreviousSigningKeys")), "configuration");
            await stored.Forget();
        }
        else if (storage.Value.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var path = SigningKeyFile.PathOf(auth, storage.Value);
            var (current, previous) = SigningKeyFile.LoadOrCreate(path);
            keys.Load(current, previous, path);
            await stored.Forget();
        }
        else
        {
            keys.Load(await stored.GetKey(), [], "storage");
            LogKeyInStorage();
        }
    }

    private async Task Seed(CancellationToken cancellationToken)
    {
        try
        {
            var seeds = SeededAccounts.For(province);
            var configured = options.Value.SeedPassword;
            if (!string.IsNullOrEmpty(configured)) await ApplyConfigured(seeds, configured);
            else await CreateMissing(seeds, cancellationToken);
            // Listed (GET /api/accounts) beside the accounts created through the API; rows that exist are kept.
            await directory.AddAsync(seeds.Select(s => new Grains.Access.AccountEntry(s.UserName, s.Role, s.Adcode, s.DisplayName)), cancellationToken);
            guard.Prepare();
            status.Complete($"{seeds.Count} seeded accounts");
        }
        catch (Exception e)
        {
            LogFailed(e);
            status.Fail(e);
        }
    }

    private async Task CreateMissing(IReadOnlyList<AccountSeed> seeds, CancellationToken cancellationToken)
    {
        var created = new System.Collections.Concurrent.ConcurrentBag<(string User, string Password)>();
        await Parallel.ForEachAsync(seeds, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (seed, _) =>
        {
            var account = grains.GetGrain<IAccountGrain>(seed.UserName);
            if (await account.Get() is not null) return;
            var password = NewPassword();
            if (await account.Create(seed, hasher.HashPassword(null!, password))) created.Add((seed.UserName, password));
        });
        if (created.IsEmpty) return;

        // Printed to the console only, never logged: this is the one time they can be read.
        var text = new StringBuilder().AppendLine().AppendLine("Matching — generated passwords of the new accounts (shown once; reset with `reset-password <user>`):");
        foreach (var (user, password) in created.OrderBy(c => c.User, StringComparer.Ordinal)) text.AppendLine($"  {user,-16} {password}");
        Console.Out.Write(text.ToString());
        LogCreated(created.Count);
    }

    private async Task ApplyConfigured(IReadOnlyList<AccountSeed> seeds, string password)
    {
        // Recognise an already-applied password without the slow hash: an HMAC of it under the signing key.
        var digest = Convert.ToHexString(HMACSHA256.HashData(keys.Key.Key, Encoding.UTF8.GetBytes(password)));
        var ledger = grains.GetGrain<ISeedLedgerGrain>(LedgerKey);
        if (await ledger.Get() is { } last && last.Fingerprint == digest && last.Counties == seeds.Count) return;

        var hash = hasher.HashPassword(null!, password);
        await Parallel.ForEachAsync(seeds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (seed, _) =>
        {
            var account = grains.GetGrain<IAccountGrain>(seed.UserName);
            if (!await account.Create(seed, hash)) await account.SetPasswordHash(hash);
        });
        await ledger.Record(new SeedRecord(digest, seeds.Count, 0, time.GetUtcNow()));
        LogConfigured(seeds.Count);
    }

    /// <summary>16 characters from an alphabet without look-alikes (about 90 bits).</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Count} seeded accounts; their passwords were printed to the console")]
    private partial void LogCreated(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied the configured seed password to {Count} seeded accounts")]
    private partial void LogConfigured(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The signing key is kept in grain storage, shared by the hosts: set Auth:SigningKey (a base64 secret of at least 32 bytes) to keep it apart")]
    private partial void LogKeyInStorage();

    [LoggerMessage(Level = LogLevel.Error, Message = "Creating the seeded accounts failed")]
    private partial void LogFailed(Exception error);
}
