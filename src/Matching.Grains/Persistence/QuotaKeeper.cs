using Matching.Contracts;

namespace Matching.Grains.Persistence;

/// <summary>
/// The reserve and release commands of a grain that keeps a quota (a park's land, a county's energy):
/// idempotent per project, refused when capacity would be exceeded, and never changed in memory
/// unless the write succeeded.
/// </summary>
/// <param name="read">Reads the reservations in memory.</param>
/// <param name="assign">Replaces them in memory.</param>
/// <param name="write">Stores the grain state.</param>
/// <param name="changed">Told of each stored change, with the project it was for (live updates); its failure does not undo the change.</param>
internal sealed class QuotaKeeper(Func<Reservations> read, Action<Reservations> assign, Func<Task> write, Func<Guid, QuotaView, Task> changed)
{
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

        await Write(current, next);
        var reserved = next.View(capacity);
        await changed(project, reserved);
        return CommandResult<QuotaView>.Ok(reserved);
    }

    public async Task<QuotaView> Release(Guid project, decimal capacity)
    {
        var current = read();
        if (!current.ByProject.ContainsKey(project)) return current.View(capacity);
        var next = current.Without(project);
        await Write(current, next);
        var released = next.View(capacity);
        await changed(project, released);
        return released;
    }

    private async Task Write(Reservations previous, Reservations next)
    {
        assign(next);
        try
        {
            await write();
        }
        catch
        {
            assign(previous);
            throw;
        }
    }
}
