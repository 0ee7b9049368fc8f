using System.Net;
using System.Net.Http.Json;
using Matching.Host.Auth;

namespace Matching.Host.Tests;

/// <summary>The host's <c>reset-password</c> command on a stopped installation.</summary>
public sealed class PasswordResetTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "matching-tests", "reset-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_reset_password_replaces_the_old_one_and_survives_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var first = MatchingApplication.On(_data))
            await first.InitializeAsync();

        var output = new StringWriter();
        var exit = await PasswordReset.RunAsync(["reset-password", "county-370112", $"--Storage:Path={_data}"], output);
        Assert.Equal(0, exit);
        var password = output.ToString().Trim().Split(' ').Last();
        Assert.Equal(16, password.Length);
        Assert.Equal(1, await PasswordReset.RunAsync(["reset-password", "nobody", $"--Storage:Path={_data}"], TextWriter.Null));

        await using var second = MatchingApplication.On(_data);
        await second.InitializeAsync();
        var client = second.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/token", new { userName = "county-370112", password }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await client.PostAsJsonAsync("/api/auth/token", new { userName = "county-370112", password = MatchingApplication.Password }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await client.PostAsJsonAsync("/api/auth/token", new { userName = "county-370102", password = MatchingApplication.Password }, ct)).StatusCode);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }
}
