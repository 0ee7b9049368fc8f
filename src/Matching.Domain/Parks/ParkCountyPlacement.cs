namespace Matching.Domain.Parks;

/// <summary>
/// A provincial coordinator's placement of a holding-list park (the catalogue names no county) into a county: verified by
/// that coordinator when made. The seeded catalogue never overrides it (<see cref="Over"/>).
/// </summary>
/// <param name="CountyAdcode">The county it was placed into.</param>
/// <param name="By">The coordinator.</param>
/// <param name="At">When.</param>
public sealed record ParkCountyPlacement(string CountyAdcode, string By, DateTimeOffset At)
{
    /// <summary>The catalogue's facts with this placement's county.</summary>
    public ParkReference Over(ParkReference catalogue) => catalogue with { CountyAdcode = CountyAdcode, Placement = ParkPlacement.ByCoordinator };

    /// <summary>The park placed: its county set, who and when recorded, the next version.</summary>
    public Park Apply(Park park) => park with { Reference = Over(park.Reference), Placed = this, Version = park.Version + 1, UpdatedAt = At, UpdatedBy = By };
}
