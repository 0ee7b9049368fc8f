namespace Matching.Contracts.Live;

/// <summary>Live event types of the stages after a decision (sent to the landing county and partners, the officer, coordinators).</summary>
public static class LandingEventTypes
{
    /// <summary>The landing county reported a stage.</summary>
    public const string LandingReported = "landingReported";
    /// <summary>A coordinator confirmed or returned a stage report.</summary>
    public const string LandingReviewed = "landingReviewed";
    /// <summary>A stage clock ran out: the project is overdue.</summary>
    public const string LandingOverdue = "landingOverdue";
}

/// <summary>Payload of <c>landingReported</c> and <c>landingReviewed</c> (v1). Stage and status as their JSON names.</summary>
public sealed record LandingPayload(
    Guid ProjectId, string Title, string Stage, string StageLabel, int Number, string ReportStatus, string County, string? Reason, string Actor, string ProjectStatus);

/// <summary>Payload of <c>landingOverdue</c> (v1): the stage awaited and when it was due.</summary>
public sealed record LandingOverduePayload(Guid ProjectId, string Title, string Stage, string StageLabel, DateTimeOffset Due, string County);
