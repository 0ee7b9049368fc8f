namespace Matching.Testing;

/// <summary>Debian's Chromium as the browser tests and the page benchmark drive it.</summary>
public static class Chromium
{
    /// <summary>Debian's Chromium; <c>MATCHING_CHROMIUM</c> names another build.</summary>
    public static string Path { get; } = Environment.GetEnvironmentVariable("MATCHING_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Chromium's flags on this machine kind: headless as root, and no calls home.</summary>
    public static IReadOnlyList<string> Args { get; } =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];
}
