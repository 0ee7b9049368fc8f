using System.Text.RegularExpressions;

namespace Matching.Search.Elasticsearch;

/// <summary>Options of <see cref="ElasticsearchSearchEngine"/>.</summary>
public sealed partial class ElasticsearchSearchOptions
{
    /// <summary>Address of the cluster, e.g. <c>http://localhost:9200</c>. Required.</summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// Prefix of the index names: the engine uses <c>{prefix}-candidates</c> and <c>{prefix}-projects</c>.
    /// Lowercase letters, digits, '.', '_' and '-', as Elasticsearch requires of index names.
    /// </summary>
    public string IndexPrefix { get; set; } = "matching";

    /// <summary>User for basic authentication (with <see cref="Password"/>); not together with <see cref="ApiKey"/>.</summary>
    public string? Username { get; set; }

    /// <summary>Password for basic authentication.</summary>
    public string? Password { get; set; }

    /// <summary>The encoded API key as Elasticsearch returns it (<c>encoded</c>: base64 of <c>id:api_key</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// SHA-256 fingerprint of the cluster's CA certificate, for a cluster with a self-signed certificate
    /// (Elasticsearch prints it at first start). Null trusts the machine's certificate store.
    /// </summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>
    /// How often new writes become searchable (the indexes' <c>refresh_interval</c>, applied when an index is
    /// created). Half a second keeps the port's promise (searchable within one second) with room for the refresh itself.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Name of the candidates index.</summary>
    public string CandidatesIndex => IndexPrefix + "-candidates";

    /// <summary>Name of the projects index.</summary>
    public string ProjectsIndex => IndexPrefix + "-projects";

    /// <summary>What is wrong with these options, or an empty list.</summary>
    /// <param name="requireUrl">False when the caller brings its own client and only the index settings matter.</param>
    public IReadOnlyList<string> Validate(bool requireUrl = true)
    {
        var errors = new List<string>();
        if (requireUrl && Url is null) errors.Add("Url is required.");
        if (requireUrl && Url is { IsAbsoluteUri: false }) errors.Add("Url must be absolute.");
        if (string.IsNullOrEmpty(IndexPrefix) || !IndexPrefixPattern().IsMatch(IndexPrefix))
        {
            errors.Add($"IndexPrefix '{IndexPrefix}' is not a valid index name prefix (lowercase letters, digits, '.', '_', '-'; not starting with '-', '_' or '.').");
        }

        if (Username is not null != Password is not null) errors.Add("Username and Password go together.");
        if (Username is not null && ApiKey is not null) errors.Add("Use either Username/Password or ApiKey, not both.");
        if (RefreshInterval <= TimeSpan.Zero) errors.Add("RefreshInterval must be positive.");
        return errors;
    }

    internal void ThrowIfInvalid(bool requireUrl)
    {
        var errors = Validate(requireUrl);
        if (errors.Count > 0) throw new ArgumentException("Invalid Elasticsearch search options: " + string.Join(" ", errors));
    }

    internal ElasticsearchSearchOptions Clone() => (ElasticsearchSearchOptions)MemberwiseClone();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex IndexPrefixPattern();
}
