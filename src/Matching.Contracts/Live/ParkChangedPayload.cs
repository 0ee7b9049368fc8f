namespace Matching.Contracts.Live;

/// <summary>Payload of <c>parkChanged</c> (v1): a park's chemical-park flag changed; its new version and who changed it. Pages listing the park re-read it.</summary>
public sealed record ParkChangedPayload(string Park, string? County, long Version, string By);
