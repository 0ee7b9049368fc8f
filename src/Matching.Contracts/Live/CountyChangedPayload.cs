namespace Matching.Contracts.Live;

/// <summary>Payload of <c>countyChanged</c> (v1): the county's new version and who changed it; pages showing the county re-read it.</summary>
public sealed record CountyChangedPayload(string County, long Version, string By);
