namespace Matching.Contracts;

/// <summary>How a project holds on to a park, which keeps a coordinator from moving or undoing the park's placement.</summary>
/// <param name="Kind"><c>bid</c> (a live bid offers it), <c>jointBid</c> (a joint bid not declined offers it) or <c>award</c> (the award or co-build in force is in it).</param>
/// <param name="ProjectId">The project.</param>
/// <param name="ProjectTitle">The project's name, for the message.</param>
[GenerateSerializer, Immutable, Alias("Matching.ParkUse")]
public sealed record ParkUse(
    [property: Id(0)] string Kind,
    [property: Id(1)] Guid ProjectId,
    [property: Id(2)] string ProjectTitle)
{
    /// <summary>The kind in words (意向 / 联合招商意向 / 统筹决定).</summary>
    public string KindName => Kind switch { "bid" => "意向", "jointBid" => "联合招商意向", _ => "统筹决定（已预留土地）" };
}
