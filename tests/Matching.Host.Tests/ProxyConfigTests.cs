using System.Text.RegularExpressions;

namespace Matching.Host.Tests;

/// <summary>
/// The documented nginx (<c>infra/nginx/nginx.conf</c>): hub and dashboard addresses carry
/// <c>?access_token=</c>, so its access log must never write a query string (nor a referrer, which
/// carries the page's address), and it must tell the hosts who the client is.
/// </summary>
public sealed partial class ProxyConfigTests
{
    private static readonly string Config = File.ReadAllText(Path.Combine(RepositoryRoot(), "infra", "nginx", "nginx.conf"));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Matching.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("Matching.sln not found above the test binaries.");
    }

    private static string WithoutComments(string text) => string.Join('\n', text.Split('\n').Select(l => l.Split('#')[0]));

    [Fact]
    public void Every_access_log_uses_a_format_without_query_strings_or_referrers()
    {
        var config = WithoutComments(Config);
        var formats = LogFormat().Matches(config).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["body"].Value);
        var logs = AccessLog().Matches(config).ToArray();

        Assert.NotEmpty(logs);
        foreach (var log in logs)
        {
            var args = log.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (args[0] == "off") continue;
            // Without a format name nginx writes "combined", whose $request holds the query string.
            Assert.True(args.Length >= 2 && formats.ContainsKey(args[1]), $"access_log {log.Groups["args"].Value} uses the default format");
            var body = formats[args[1]];
            foreach (var leak in new[] { "$request ", "$request\"", "$request_uri", "$args", "$query_string", "$arg_", "$http_referer", "$is_args" })
                Assert.DoesNotContain(leak, body);
            Assert.Contains("$uri", body);
        }
    }

    [Fact]
    public void The_hosts_are_told_the_clients_address_and_scheme() 
    {
        Assert.Contains("proxy_set_header X-Forwarded-For $remote_addr;", Config);
        Assert.Contains("proxy_set_header X-Forwarded-Proto $scheme;", Config);
    }

    [GeneratedRegex(@"log_format\s+(?<name>\S+)\s+(?<body>[^;]*);", RegexOptions.Singleline)]
    private static partial Regex LogFormat();

    [GeneratedRegex(@"access_log\s+(?<args>[^;]*);")]
    private static partial Regex AccessLog();
}
