using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Matching.Contracts.Access;
using Matching.Domain.Access;
using Matching.Host.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Matching.Host.Tests;

/// <summary>
/// A host whose signing key is a configured secret after a rotation: tokens of the previous key still
/// verify, other keys do not; a disabled account neither signs in nor uses its tokens. And the key file
/// of the embedded profile, rotated in place.
/// </summary>
public sealed class SigningKeyTests : IAsyncLifetime
{
    private static readonly byte[] Previous = RandomNumberGenerator.GetBytes(32), Current = RandomNumberGenerator.GetBytes(48);
    private MatchingApplication _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = MatchingApplication.With(settings: new Dictionary<string, string>
        {
            ["Auth:SigningKey"] = Convert.ToBase64String(Current),
            ["Auth:PreviousSigningKeys:0"] = Convert.ToBase64String(Previous),
        });
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpStatusCode> Me(string token)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/auth/me", Ct)).StatusCode;
    }

    private static string SignedWith(byte[] key) => AuthorizationMatrixTests.Craft(
        new SymmetricSecurityKey(key), AuthOptions.EmbeddedIssuer, DateTime.UtcNow, DateTime.UtcNow.AddHours(1));

    [Fact]
    public async Task The_current_and_the_previous_key_verify_and_no_other_does()
    {
        Assert.Equal(HttpStatusCode.OK, await Me(_app.TokenOf(SeededAccounts.Coordinator)));
        Assert.Equal(HttpStatusCode.OK, await Me(SignedWith(Current)));
        Assert.Equal(HttpStatusCode.OK, await Me(SignedWith(Previous)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Me(SignedWith(RandomNumberGenerator.GetBytes(48))));
        Assert.Equal(Current, _app.Services.GetRequiredService<SigningKeys>().Key.Key);
        Assert.False(File.Exists(Path.Combine(_app.DataPath, SigningKeyFile.DefaultName)), "a configured key needs no key file");
    }

    [Fact]
    public async Task A_disabled_account_neither_signs_in_nor_uses_its_tokens()
    {
        const string user = "county-370881";
        var token = _app.TokenOf(user);
        Assert.Equal(HttpStatusCode.OK, await Me(token));
        var account = _app.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(user);

        Assert.True(await account.SetDisabled(true));
        try
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await Me(token));
            var signIn = await _app.CreateClient().PostAsync("/api/auth/token",
                System.Net.Http.Json.JsonContent.Create(new { userName = user, password = MatchingApplication.Password }), Ct);
            var problem = await Problems.AssertProblem(signIn, HttpStatusCode.Unauthorized);
            Assert.Equal("用户名或密码不正确。", problem["detail"]!.GetValue<string>());
        }
        finally
        {
            await account.SetDisabled(false);
        }

        Assert.Equal(HttpStatusCode.OK, await Me(token));
    }

    [Fact]
    public void The_key_file_is_created_private_and_a_rotation_keeps_the_previous_key()
    {
        var folder = Path.Combine(Path.GetTempPath(), "matching-keys", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, SigningKeyFile.DefaultName);
        try
        {
            var (first, none) = SigningKeyFile.LoadOrCreate(path);
            Assert.Empty(none);
            Assert.True(first.Length >= SigningKeys.MinimumBytes);
            Assert.Equal(first, SigningKeyFile.LoadOrCreate(path).Current);

            SigningKeyFile.Rotate(path);
            var (second, previous) = SigningKeyFile.LoadOrCreate(path);
            Assert.NotEqual(first, second);
            Assert.Equal([first], previous);
            SigningKeyFile.Rotate(path);
            Assert.Equal([second], SigningKeyFile.LoadOrCreate(path).Previous);

            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_user_costs_the_same_password_verification_as_a_wrong_password()
    {
        var hasher = new CountingHasher();
        var guard = new SignInGuard(hasher);
        var account = new Account("officer", Role.Officer, null, "专员", new PasswordHasher<Account>().HashPassword(null!, "right"));
        guard.Prepare();
        hasher.Verifications = 0;

        Assert.Null(guard.Verify(null, "right"));
        Assert.Null(guard.Verify(account, "wrong"));
        Assert.Null(guard.Verify(account with { Disabled = true }, "right"));
        Assert.Equal(account, guard.Verify(account, "right"));
        Assert.Equal(4, hasher.Verifications);
    }

    /// <summary>ASP.NET Core's hasher, counting what it verifies.</summary>
    private sealed class CountingHasher : IPasswordHasher<Account>
    {
        private readonly PasswordHasher<Account> _inner = new();

        public int Verifications { get; set; }

        public string HashPassword(Account user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword)
        {
            Verifications++;
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
