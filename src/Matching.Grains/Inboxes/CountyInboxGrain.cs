using Matching.Contracts;
using Matching.Grains.Persistence;

namespace Matching.Grains.Inboxes;

/// <summary>Stored state of a county inbox.</summary>
public sealed class CountyInboxState
{
    public Dictionary<Guid, InboxEntry> Entries { get; set; } = [];
}

/// <inheritdoc cref="ICountyInboxGrain" />
public sealed class CountyInboxGrain(
    [PersistentState("inbox", MatchingStorage.Name)] IPersistentState<CountyInboxState> state) : Grain, ICountyInboxGrain
{
    public Task<IReadOnlyList<InboxEntry>> List() =>
        Task.FromResult<IReadOnlyList<InboxEntry>>(state.State.Entries.Values.OrderByDescending(e => e.Score).ThenByDescending(e => e.At).ToArray());

    public async Task Put(InboxEntry entry)
    {
        if (state.State.Entries.TryGetValue(entry.ProjectId, out var current) && current.Score == entry.Score) return;
        state.State.Entries[entry.ProjectId] = entry;
        await Write(() => RestoreEntry(entry.ProjectId, current));
    }

    public async Task Remove(Guid projectId)
    {
        if (!state.State.Entries.Remove(projectId, out var removed)) return;
        await Write(() => state.State.Entries[projectId] = removed);
    }

    private void RestoreEntry(Guid projectId, InboxEntry? previous)
    {
        if (previous is null) state.State.Entries.Remove(projectId);
        else state.State.Entries[projectId] = previous;
    }

    private async Task Write(Action undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            throw;
        }
    }
}
