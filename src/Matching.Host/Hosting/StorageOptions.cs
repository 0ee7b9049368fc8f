namespace Matching.Host.Hosting;

/// <summary>Where and how grain state is stored (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// <c>Sqlite</c> or <c>PostgreSql</c> (see <see cref="ConnectionString"/>); when not configured, the
    /// profile's default (<see cref="MatchingProfiles.StorageProvider"/>).
    /// </summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The PostgreSQL connection string when <see cref="Provider"/> is <c>PostgreSql</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Data folder of the embedded profile, relative to the working directory.</summary>
    public string Path { get; set; } = "data";

    /// <summary>Embedded profile: when commits are flushed to disk (<c>Full</c>, every commit, the default; or <c>Normal</c>).</summary>
    public Matching.Storage.Sqlite.SqliteSynchronous Synchronous { get; set; } = Matching.Storage.Sqlite.SqliteSynchronous.Full;
}

/// <summary>The silo's identity and ports (configuration section <c>Orleans</c>).</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    public string ServiceId { get; set; } = "matching";

    public string ClusterId { get; set; } = "embedded";

    /// <summary>
    /// Silo-to-silo port. 0: a free one in the embedded profile (so that several embedded hosts run side
    /// by side), 11111 in the cluster profile.
    /// </summary>
    public int SiloPort { get; set; }

    /// <summary>Client gateway port. 0: a free one (embedded), 30000 (cluster).</summary>
    public int GatewayPort { get; set; }

    /// <summary>
    /// Cluster profile: the address other silos reach this one at, as written to the membership table.
    /// Unset: the first non-loopback IPv4 address of the machine (a container's own address).
    /// </summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>
    /// Cluster profile: listen on every interface (the default, for containers) rather than only on the
    /// advertised address. A loopback advertised address always listens on loopback only.
    /// </summary>
    public bool ListenOnAnyHostAddress { get; set; } = true;
}
