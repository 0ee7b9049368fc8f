using Matching.Contracts;

namespace Matching.Grains.Persistence;

/// <summary>
/// Stored reservations against one capacity, keyed by project so that every reserve and release is
/// idempotent: a retried or recovered call finds its own reservation instead of adding a second.
/// </summary>
public sealed class Reservations
{
    public Dictionary<Guid, decimal> ByProject { get; set; } = [];

    /// <summary>The most ever reserved at once (checked against capacity when it was reached).</summary>
    public decimal Peak { get; set; }

    public decimal Total => ByProject.Values.Sum();

    /// <summary>The reservations after reserving, or null when capacity would be exceeded (nothing changes then).</summary>
    public Reservations? With(Guid project, decimal amount, decimal capacity)
    {
        var next = new Dictionary<Guid, decimal>(ByProject) { [project] = amount };
        var total = next.Values.Sum();
        return total > capacity ? null : new Reservations { ByProject = next, Peak = Math.Max(Peak, total) };
    }

    public Reservations Without(Guid project)
    {
        var next = new Dictionary<Guid, decimal>(ByProject);
        next.Remove(project);
        return new Reservations { ByProject = next, Peak = Peak };
    }

    public QuotaView View(decimal capacity) => new(capacity, Total, Peak, new Dictionary<Guid, decimal>(ByProject));
}
