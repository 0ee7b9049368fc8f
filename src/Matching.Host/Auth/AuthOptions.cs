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
}

/// <summary>Abuse limits (section <c>RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests per minute per identity (per address when anonymous).</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>Requests an identity may make at once above the steady rate.</summary>
    public int Burst { get; set; } = 120;

    /// <summary>Sign-in attempts per minute per address and user name (password guessing).</summary>
    public int SignInsPerMinute { get; set; } = 10;
}
