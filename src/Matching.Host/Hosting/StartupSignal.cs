namespace Matching.Host.Hosting;

/// <summary>
/// A step the host completes in the background after start (loading seeds, preparing search);
/// readiness reports it, and what depends on it awaits it.
/// </summary>
public abstract class StartupSignal
{
    private readonly TaskCompletionSource<string> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with a summary once the step is done; faults if it failed.</summary>
    public Task<string> Done => _done.Task;

    /// <summary>What the step is, for health reports.</summary>
    public abstract string Step { get; }

    internal void Complete(string summary) => _done.TrySetResult(summary);

    internal void Fail(Exception error) => _done.TrySetException(error);
}
