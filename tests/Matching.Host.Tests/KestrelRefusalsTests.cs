using System.Net.Sockets;
using System.Text;

namespace Matching.Host.Tests;

/// <summary>
/// What Kestrel answers itself, without a proxy in front: it rejects these while parsing the request
/// line or headers (<c>Http1Connection.ParseTarget</c> / <c>TryParseRequest</c>), before it creates the
/// request's context, so no middleware, response feature or exception handler of the host ever runs
/// (none of the host's security headers is on the answer) and the body stays empty. Behind the
/// documented nginx they are ProblemDetails (<see cref="ProxyTests"/>). Should a Kestrel version ever let
/// one through to the pipeline, this test fails and the host can shape it.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class KestrelRefusalsTests(MatchingApplication app)
{
    public static TheoryData<string, string, int> Refused() => new()
    {
        { "a NUL (%00) in the path", "GET /api/rules%00 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 400 },
        { "a NUL inside a segment", "GET /api/counties/3701%0012 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 400 },
        { "a request line over 64 KiB", $"GET /{new string('a', 65 * 1024)} HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 414 },
        { "headers over 32 KiB", $"GET /api/rules HTTP/1.1\r\nHost: h\r\nX-Big: {new string('a', 33 * 1024)}\r\nConnection: close\r\n\r\n", 431 },
        { "a broken request line", "GET /api/rules HTTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Kestrel_answers_these_itself_before_any_middleware_with_an_empty_body(string why, string request, int status)
    {
        var ct = TestContext.Current.CancellationToken;
        var address = app.CreateClient().BaseAddress!;
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, ct);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), ct);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var answer = await reader.ReadToEndAsync(ct);

        Assert.StartsWith($"HTTP/1.1 {status} ", answer);
        Assert.Contains("Content-Length: 0", answer);
        Assert.DoesNotContain("X-Content-Type-Options", answer);
        // The same host shapes what reaches it: a 414 of its own for a target over 8 KiB, as ProblemDetails.
        var shaped = await app.CreateClient().GetAsync("/api/counties/" + new string('9', 9000), ct);
        Assert.True(shaped.Content.Headers.ContentType?.MediaType == "application/problem+json", why);
    }
}
