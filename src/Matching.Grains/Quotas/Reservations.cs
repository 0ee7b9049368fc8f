using Matching.Contracts;
using Matching.Contracts.Live;

namespace Matching.Grains.Quotas;

/// <summary>
/// Stored reservations against one capacity, keyed by project so that every reserve and release is
/// idempotent: a retried or recovered call finds its own reservation instead of adding a second. The
/// live events of the last change wait in <see cref="Outbox"/>, written with it.
/// </summary>
public sealed class Reservations
{
    public Dictionary<Guid, decimal> ByProject { get; set; } = [];

    /// <summary>The most ever reserved at once (checked against capacity when it was reached).</summary>
    public decimal Peak { get; set; }

    /// <summary>How many changes were stored: numbers the changes' events, so a resent one is stored once.</summary>
    public long Changes { get; set; }

    /// <summary>Live events of stored changes not yet appended to their streams (a transactional outbox).</summary>
    public List<LiveEventDraft> Outbox { get; set; } = [];

    public decimal Total => ByProject.Values.Sum();

    /// <summary>The reservations after reserving, or null when capacity would be exceeded (nothing changes then).</summary>
    public Reservations? With(Guid project, decimal amount, decimal capacity)
    {
        var next = new Dictionary<Guid, decimal>(ByProject) { [project] = amount };
        var total = next.Values.Sum();
        return total > capacity ? null : new Reservations { ByProject = next, Peak = Math.Max(Peak, total), Changes = Changes + 1, Outbox = Outbox };
    }

    public Reservations Without(Guid project)
    {
        var next = new Dictionary<Guid, decimal>(ByProject);
        next.Remove(project);
        return new Reservations { ByProject = next, Peak = Peak, Changes = Changes + 1, Outbox = Outbox };
    }

    /// <summary>These reservations with <paramref name="events"/> owed to their streams as well.</summary>
    public Reservations Announcing(IEnumerable<LiveEventDraft> events) =>
        new() { ByProject = ByProject, Peak = Peak, Changes = Changes, Outbox = [.. Outbox, .. events] };

    /// <summary>These reservations with nothing owed.</summary>
    public Reservations Sent() => new() { ByProject = ByProject, Peak = Peak, Changes = Changes };

    public QuotaView View(decimal capacity) => new(capacity, Total, Peak, new Dictionary<Guid, decimal>(ByProject));
}
