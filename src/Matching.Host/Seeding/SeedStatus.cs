namespace Matching.Host.Seeding;

/// <summary>Whether this host's store holds the seeds; readiness waits for it.</summary>
public sealed class SeedStatus
{
    private readonly TaskCompletionSource<string> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with a summary once the seeds are in the store; faults if loading failed.</summary>
    public Task<string> Loaded => _loaded.Task;

    internal void Complete(string summary) => _loaded.TrySetResult(summary);

    internal void Fail(Exception error) => _loaded.TrySetException(error);
}
