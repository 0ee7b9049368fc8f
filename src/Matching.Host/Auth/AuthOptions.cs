namespace Matching.Host.Auth;

/// <summary>Sign-in configuration (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Issuer and audience of the embedded issuer's tokens.</summary>
    public const string EmbeddedIssuer = "matching";

    /// <summary>
    /// Production: the external OpenID Connect issuer to trust (JWT bearer). Unset: the host issues its
    /// own tokens for the seeded accounts (<c>POST /api/auth/token</c>).
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The audience expected in an external issuer's tokens.</summary>
    public string? Audience { get; set; }

    /// <summary>Whether the external issuer's metadata must come over HTTPS (only a local test issuer may say no).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim carrying the role in an external issuer's tokens.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>
    /// Every seeded account's password (automation, tests). Unset: each account gets a generated
    /// password, printed once when it is created.
    /// </summary>
    public string? SeedPassword { get; set; }

    /// <summary>How long an embedded token is valid; hub connections close when it expires.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The embedded issuer's signing key (base64, at least 32 bytes), for hosts that share one (a
    /// cluster). Unset in the embedded profile: the key file <see cref="SigningKeyFile"/>.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Keys that signed earlier tokens and still verify them (base64), after a rotation of <see cref="SigningKey"/>.</summary>
    public List<string> PreviousSigningKeys { get; set; } = [];

    /// <summary>
    /// How long a host keeps its copy of an enabled account for the sign-in check of each request
    /// (<see cref="CurrentAccounts"/>): the longest a host that a disable or password change did not reach
    /// still accepts the account's earlier tokens.
    /// </summary>
    public TimeSpan AccountCopyLifetime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The key file of the embedded profile (current key first, then the previous one); default <c>{Storage:Path}/signing-keys</c>.</summary>
    public string? SigningKeyFile { get; set; }
}

/// <summary>Abuse limits (section <c>RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests per minute per identity (per address when anonymous).</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>Requests an identity may make at once above the steady rate.</summary>
    public int Burst { get; set; } = 120;

    /// <summary>Failed sign-ins per minute per client address (password guessing); successes are not counted.</summary>
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Failed sign-ins per minute per user name, from any address (guessing one account from many).</summary>
    public int FailedSignInsPerUserPerMinute { get; set; } = 20;

    /// <summary>Hub method calls per minute per connection.</summary>
    public int HubCallsPerMinute { get; set; } = 300;

    /// <summary>Hub method calls a connection may make at once above the steady rate.</summary>
    public int HubBurst { get; set; } = 60;
}
