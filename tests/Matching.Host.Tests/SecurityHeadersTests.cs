using System.Net;
using Microsoft.Data.Sqlite;

namespace Matching.Host.Tests;

/// <summary>Headers on every kind of response, and where the installation keeps its secrets on disk.</summary>
[Collection(HostCollection.Name)]
public sealed class SecurityHeadersTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, bool> Responses() => new()
    {
        { "/", false },                                  // the workbench
        { "/health/ready", false },
        { "/api/counties/370102", true },
        { "/api/projects/00000000-0000-0000-0000-000000000001", true },  // a 404 ProblemDetails
        { "/api/contests", false },                     // a 401 ProblemDetails
        { "/openapi/v1.json", false },
        { "/no-such-page", false },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_the_security_headers(string path, bool signedIn)
    {
        var client = signedIn ? app.Officer() : app.CreateClient();

        var response = await client.GetAsync(path, Ct);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("default-src 'self'", policy);
        if (path.StartsWith("/api", StringComparison.Ordinal)) Assert.Equal("no-store", Header(response, "Cache-Control"));
    }

    [Fact]
    public async Task A_project_with_its_investor_is_never_cached()
    {
        var (id, _) = await app.Officer().CreateProject();

        var response = await app.Officer().GetAsync($"/api/projects/{id}", Ct);

        Assert.Contains("某新能源汽车股份有限公司", await response.Content.ReadAsStringAsync(Ct));
        Assert.True(response.Headers.CacheControl?.NoStore, "an investor's identity may be cached");
    }

    [Fact]
    public async Task The_workbench_policy_allows_only_the_hosts_own_scripts_and_styles()
    {
        var response = await app.CreateClient().GetAsync("/", Ct);
        var policy = Header(response, "Content-Security-Policy");

        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} ({(int)response.StatusCode}) has no {name}");

    [Fact]
    public async Task Data_files_are_the_owners_alone_and_the_signing_key_is_not_in_grain_state()
    {
        // Every file exists once something is stored: a published project writes grain state, live events and rows.
        var officer = app.Officer();
        var (id, _) = await officer.CreateProject(ProjectBodies.Valid("文件权限检验"));
        (await officer.PostAsync($"/api/projects/{id}/publish", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes.");
            return;
        }

        const UnixFileMode ownerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var folder = File.GetUnixFileMode(app.DataPath);
        Assert.Equal(ownerFile | UnixFileMode.UserExecute, folder);
        foreach (var name in new[] { "matching.db", "matching.db-wal", "signing-keys" })
        {
            var path = Path.Combine(app.DataPath, name);
            Assert.True(File.Exists(path), $"{name} is missing");
            Assert.Equal(ownerFile, File.GetUnixFileMode(path));
        }

        using var connection = new SqliteConnection($"Data Source={app.DatabaseFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM grain_state WHERE state_name = 'signing-key'";
        Assert.Equal(0L, (long)command.ExecuteScalar()!);
    }
}
