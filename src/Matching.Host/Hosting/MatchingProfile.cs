namespace Matching.Host.Hosting;

/// <summary>
/// The deployment profile (configuration key <c>Matching:Profile</c>). The same binaries serve both;
/// the profile only changes the defaults of the storage, search and clustering choices.
/// </summary>
public enum MatchingProfile
{
    /// <summary>One host on one machine: localhost clustering, SQLite grain state, Lucene on local disk.</summary>
    Embedded,

    /// <summary>
    /// Several hosts forming one Orleans cluster: membership, grain state and reminders on PostgreSQL
    /// (<c>Storage:ConnectionString</c>), Elasticsearch search, silo identity and addresses from configuration.
    /// </summary>
    Cluster,
}

/// <summary>Reads the profile and the choices whose defaults depend on it.</summary>
public static class MatchingProfiles
{
    public const string Key = "Matching:Profile";

    public static MatchingProfile Profile(this IConfiguration configuration)
    {
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value)) return MatchingProfile.Embedded;
        return Enum.TryParse<MatchingProfile>(value, ignoreCase: true, out var profile) && Enum.IsDefined(profile)
            ? profile
            : throw new InvalidOperationException($"{Key} '{value}' is not supported; use 'Embedded' or 'Cluster'.");
    }

    /// <summary><c>Storage:Provider</c>, defaulting to <c>Sqlite</c> (Embedded) or <c>PostgreSql</c> (Cluster).</summary>
    public static string StorageProvider(this IConfiguration configuration) =>
        configuration["Storage:Provider"] is { Length: > 0 } provider ? provider
        : configuration.Profile() == MatchingProfile.Cluster ? "PostgreSql" : "Sqlite";

    /// <summary><c>Search:Provider</c>, defaulting to <c>Lucene</c> (Embedded) or <c>Elasticsearch</c> (Cluster).</summary>
    public static string SearchProvider(this IConfiguration configuration) =>
        configuration["Search:Provider"] is { Length: > 0 } provider ? provider
        : configuration.Profile() == MatchingProfile.Cluster ? "Elasticsearch" : "Lucene";
}
