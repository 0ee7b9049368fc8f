using System.Text.Json;
using Matching.Contracts;
using Matching.Contracts.Live;
using Matching.Domain;
using Matching.Grains.Persistence;

namespace Matching.Grains.Quotas;

/// <summary>
/// The reserve and release commands of a grain that keeps a quota (a park's land, a county's energy):
/// idempotent per project, refused when capacity would be exceeded, and never changed in memory unless
/// the write succeeded. Each stored change tells the county (<c>quotaChanged</c>) through the same
/// outbox as projects: the event is written with the change and appended after it, again after a crash.
/// </summary>
/// <param name="owner">The quota's grain key (a county adcode or a park id): part of its events' ids.</param>
/// <param name="county">The county told of changes; null when there is none (an unplaced zone).</param>
/// <param name="read">Reads the reservations in memory.</param>
/// <param name="assign">Replaces them in memory.</param>
/// <param name="state">The grain state holding them.</param>
/// <param name="grains">Reaches the county's stream.</param>
/// <param name="payload">The event's payload for the quota as it now is.</param>
internal sealed class QuotaKeeper<TState>(
    string owner, string? county, Func<Reservations> read, Action<Reservations> assign, IPersistentState<TState> state,
    IGrainFactory grains, Func<QuotaView, QuotaChangedPayload> payload)
{
    /// <summary>How long a change waits for its event to be stored.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(3);

    public async Task<CommandResult<QuotaView>> Reserve(Guid project, decimal amount, decimal capacity, Func<QuotaView, string> refusal)
    {
        var current = read();
        if (current.ByProject.TryGetValue(project, out var held) && held == amount)
            return CommandResult<QuotaView>.Ok(current.View(capacity));
        if (current.With(project, amount, capacity) is not { } next)
        {
            var view = current.View(capacity);
            return CommandResult<QuotaView>.Conflict(refusal(view), view);
        }

        return CommandResult<QuotaView>.Ok(await Store(current, next, project, capacity));
    }

    public async Task<QuotaView> Release(Guid project, decimal capacity)
    {
        var current = read();
        if (!current.ByProject.ContainsKey(project)) return current.View(capacity);
        return await Store(current, current.Without(project), project, capacity);
    }

    /// <summary>Appends what the stored changes still owe their stream; what fails stays owed, for the next change or activation.</summary>
    public async Task SendOwed()
    {
        var owed = read();
        if (owed.Outbox.Count == 0) return;
        try
        {
            foreach (var stream in owed.Outbox.GroupBy(e => e.Stream))
                await grains.GetGrain<IEventStreamGrain>(stream.Key).Append([.. stream]).WaitAsync(SendTimeout);
            if (ReferenceEquals(read(), owed)) assign(owed.Sent());
        }
        catch (Exception)
        {
            // Owed events stay in the stored state: the quota itself is stored, and the county reads it on its next visit anyway.
        }
    }

    private async Task<QuotaView> Store(Reservations previous, Reservations next, Guid project, decimal capacity)
    {
        var view = next.View(capacity);
        if (county is not null)
        {
            var stream = LiveStreams.County(county);
            next = next.Announcing([new LiveEventDraft(stream, $"quota/{owner}/{next.Changes}", LiveEventTypes.QuotaChanged, 1, DateTimeOffset.UtcNow, project,
                JsonSerializer.Serialize(payload(view), MatchingJson.Options))]);
        }

        assign(next);
        await state.WriteOrUndo(() => assign(previous));
        await SendOwed();
        return view;
    }

    /// <summary>The figures of a quota as events carry them.</summary>
    public static QuotaFigures Figures(QuotaView view) => new(view.Capacity, view.Reserved, view.Available);
}
