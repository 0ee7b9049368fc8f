namespace Matching.Contracts;

/// <summary>
/// One project's agreement credits in the yearly report's ledger sums, recounted one at a time: every
/// change to the agreement, its recorded figures or its confirmed stage amounts asks for a recount after
/// it is stored, and because recounts of one project take turns here, the last one reads the last change.
/// Keyed by the project id.
/// </summary>
[Alias("Matching.IAgreementCreditsGrain")]
public interface IAgreementCreditsGrain : IGrainWithGuidKey
{
    /// <summary>Reads the project's agreement and amounts as stored now and replaces its parts of the sums with them.</summary>
    [Alias("Recount")]
    Task Recount();
}
