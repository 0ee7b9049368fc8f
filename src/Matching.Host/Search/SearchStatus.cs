namespace Matching.Host.Search;

/// <summary>Whether matching can run on this host: indexes exist and the counties are loaded.</summary>
public sealed class SearchStatus
{
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once candidates are indexed (and projects, when a rebuild was needed).</summary>
    public Task<string> Ready => _ready.Task;

    internal void Complete(string summary) => _ready.TrySetResult(summary);

    internal void Fail(Exception error) => _ready.TrySetException(error);
}
