namespace Matching.Host.Hosting;

/// <summary>Where and how grain state is stored (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (embedded default) or <c>PostgreSql</c> (cluster profile; see <see cref="ConnectionString"/>).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The PostgreSQL connection string when <see cref="Provider"/> is <c>PostgreSql</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Data folder of the embedded profile, relative to the working directory.</summary>
    public string Path { get; set; } = "data";
}

/// <summary>The silo's identity and ports (configuration section <c>Orleans</c>).</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    public string ServiceId { get; set; } = "matching";

    public string ClusterId { get; set; } = "embedded";

    /// <summary>Silo-to-silo port; 0 picks a free one, so that several embedded hosts run side by side.</summary>
    public int SiloPort { get; set; }

    /// <summary>Client gateway port; 0 picks a free one.</summary>
    public int GatewayPort { get; set; }
}
