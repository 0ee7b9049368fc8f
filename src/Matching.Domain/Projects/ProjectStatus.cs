namespace Matching.Domain.Projects;

/// <summary>Where a project stands in its lifecycle.</summary>
public enum ProjectStatus
{
    /// <summary>Being written; visible to its officer only.</summary>
    Draft,
    /// <summary>Published, matched and pushed to fitting counties.</summary>
    Open,
    /// <summary>Two or more live bids.</summary>
    Contested,
    /// <summary>Awarded to one county and park.</summary>
    Awarded,
    /// <summary>Co-built by a lead county and partners with shares.</summary>
    CoBuilt,
    /// <summary>Referred to another county; reopens there.</summary>
    Referred,
    /// <summary>Signed and landing (signed, started, funds arrived, producing).</summary>
    Landed,
    /// <summary>Withdrawn by its officer or a coordinator; only a restore leads out of it.</summary>
    Withdrawn,
    /// <summary>Deadline passed without a decision (terminal).</summary>
    Expired,
}

/// <summary>What moves a project from one status to another.</summary>
public enum ProjectTrigger
{
    /// <summary>The officer publishes a draft.</summary>
    Publish,
    /// <summary>A second live bid arrives.</summary>
    Contest,
    /// <summary>Live bids fall below two.</summary>
    Uncontest,
    /// <summary>A coordinator awards it.</summary>
    Award,
    /// <summary>A coordinator decides on co-building.</summary>
    CoBuild,
    /// <summary>A coordinator refers it to another county.</summary>
    Refer,
    /// <summary>Reopened for bids (a referral taking effect, or a coordinator's reopen).</summary>
    Reopen,
    /// <summary>The project is signed and lands.</summary>
    Land,
    /// <summary>Withdrawn.</summary>
    Withdraw,
    /// <summary>Its deadline passed.</summary>
    Expire,
    /// <summary>
    /// A withdrawn project is taken back up: to Draft when it was never published, else to Open
    /// (an earlier decision is not revived; the coordinator decides again).
    /// </summary>
    Restore,
}
