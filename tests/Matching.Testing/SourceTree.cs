using System.Reflection;

namespace Matching.Testing;

/// <summary>The repository these tests were built from, and the host built with them.</summary>
public static class SourceTree
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = Metadata("Matching.RepositoryRoot");

    /// <summary>The build configuration (Debug, Release) of the tests, and so of the host they run.</summary>
    public static string Configuration { get; } = Metadata("Matching.Configuration");

    /// <summary>The built host (<c>src/Matching.Host/bin/{Configuration}/net10.0/Matching.Host.dll</c>).</summary>
    public static string HostAssembly { get; } = Path.Combine(Root, "src", "Matching.Host", "bin", Configuration, "net10.0", "Matching.Host.dll");

    private static string Metadata(string key) =>
        typeof(SourceTree).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
