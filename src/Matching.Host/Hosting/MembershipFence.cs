using System.Diagnostics;
using Orleans.Configuration;

namespace Matching.Host.Hosting;

/// <summary>
/// Settings of the <see cref="MembershipFence"/> (configuration section <c>Matching:MembershipFence</c>;
/// on by default in the cluster profile only).
/// </summary>
public sealed class MembershipFenceOptions
{
    public const string Section = "Matching:MembershipFence";

    /// <summary>Whether the fence runs; unset: on in the cluster profile, off in the embedded one.</summary>
    public bool? Enabled { get; set; }

    /// <summary>How often the host reads the membership table itself (1 s).</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the host keeps answering without a table read that shows its own silo <c>Active</c> (8 s).
    /// Kept below the time the other silos need to declare it dead (<c>MaxProbeTimeout</c> ×
    /// <c>NumMissedProbesLimit</c>, 15 s in the cluster profile), so that it has stopped answering
    /// before its grains can live anywhere else.
    /// </summary>
    public TimeSpan ConfirmWithin { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How long without that confirmation before the host exits for its supervisor to restart it (30 s).</summary>
    public TimeSpan ExitAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After asking the host to stop, how long its graceful stop may take before the process ends at once (10 s).</summary>
    public TimeSpan ExitGrace { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Keeps a host from answering while its silo's membership is unconfirmed. Orleans learns that a cut-off
/// silo was declared dead only when it reads the membership table again, and after failed reads it
/// backs off exponentially (2-4 s, 4-8 s, … up to 32-64 s between attempts), so a host whose link
/// returned after a long cut can go on serving its grains for half a minute while the other silos
/// already host them. The fence reads the table itself every <see cref="MembershipFenceOptions.CheckEvery"/>
/// (through <see cref="IClusterMembershipService.Refresh"/>, so that Orleans acts on what it reads: a
/// silo that finds itself dead stops), answers every request but <c>/health</c> with 503 once the last
/// read showing this silo <c>Active</c> started more than <see cref="MembershipFenceOptions.ConfirmWithin"/>
/// ago, and stops the host (exit code <see cref="ExitCode"/>) once it has been unconfirmed for
/// <see cref="MembershipFenceOptions.ExitAfter"/> or the table says it is no longer active.
/// </summary>
internal sealed partial class MembershipFence(
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IHostApplicationLifetime lifetime,
    Microsoft.Extensions.Options.IOptions<MembershipFenceOptions> options,
    Microsoft.Extensions.Options.IOptions<ClusterMembershipOptions> clustering,
    ILogger<MembershipFence> logger) : BackgroundService
{
    /// <summary>The process exit code after the fence stopped the host (EX_TEMPFAIL: restart me).</summary>
    public const int ExitCode = 75;

    private readonly MembershipFenceOptions _options = options.Value;
    private long _confirmedAt = Stopwatch.GetTimestamp();
    private int _stopping, _watching;

    /// <summary>Why the host must not answer now, or null while its membership is confirmed.</summary>
    public string? Closed
    {
        get
        {
            if (Volatile.Read(ref _stopping) != 0) return "本节点正在退出集群";
            // Until the silo has started and the fence watches, readiness says whether the host may answer.
            if (Volatile.Read(ref _watching) == 0) return null;
            var age = Stopwatch.GetElapsedTime(Interlocked.Read(ref _confirmedAt));
            return age > _options.ConfirmWithin ? $"本节点已有 {age.TotalSeconds:F0} 秒未能确认其集群成员身份（可能与集群断开）" : null;
        }
    }

    /// <summary>Time since the last table read that showed this silo active began.</summary>
    public TimeSpan Unconfirmed => Stopwatch.GetElapsedTime(Interlocked.Read(ref _confirmedAt));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var window = clustering.Value.MaxProbeTimeout * clustering.Value.NumMissedProbesLimit;
        if (_options.ConfirmWithin + _options.CheckEvery >= window)
            LogWindow(logger, _options.ConfirmWithin, _options.CheckEvery, window);
        Interlocked.Exchange(ref _confirmedAt, Stopwatch.GetTimestamp());
        Volatile.Write(ref _watching, 1);
        var wasClosed = false;
        using var timer = new PeriodicTimer(_options.CheckEvery);
        do
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                // Bounded: a read hanging on a lost link must not hold the checks up (the next one joins it).
                await membership.Refresh(default, stoppingToken).AsTask().WaitAsync(_options.ConfirmWithin, stoppingToken);
                var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
                if (status == SiloStatus.Active)
                    Interlocked.Exchange(ref _confirmedAt, started);
                else if (status is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping && !stoppingToken.IsCancellationRequested)
                {
                    Stop($"the membership table has this silo {status}");
                    return;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogUnconfirmed(logger, Unconfirmed.TotalSeconds, e.GetBaseException().Message);
            }

            var closed = Closed is not null;
            if (closed != wasClosed)
            {
                if (closed) LogClosed(logger, Unconfirmed.TotalSeconds);
                else LogReopened(logger);
                wasClosed = closed;
            }

            if (Unconfirmed > _options.ExitAfter)
            {
                Stop($"membership unconfirmed for {Unconfirmed.TotalSeconds:F0} s");
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void Stop(string reason)
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0) return;
        LogStopping(logger, reason, ExitCode);
        Environment.ExitCode = ExitCode;
        lifetime.StopApplication();
        // A graceful stop that waits on an unreachable table must not keep a fenced process around.
        var grace = _options.ExitGrace;
        _ = Task.Run(async () =>
        {
            await Task.Delay(grace);
            Environment.FailFast($"Matching host fenced ({reason}) and not stopped within {grace.TotalSeconds:F0} s.");
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership fence: ConfirmWithin {ConfirmWithin} + CheckEvery {CheckEvery} is not below the failure-detection window {Window}; a cut-off host may still answer after the others declared it dead.")]
    private static partial void LogWindow(ILogger logger, TimeSpan confirmWithin, TimeSpan checkEvery, TimeSpan window);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership fence: could not read the membership table ({Seconds:F1} s unconfirmed): {Error}")]
    private static partial void LogUnconfirmed(ILogger logger, double seconds, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Membership fence closed: membership unconfirmed for {Seconds:F1} s; answering 503 until it is confirmed")]
    private static partial void LogClosed(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership fence open again: this silo is active in the membership table")]
    private static partial void LogReopened(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Membership fence stops the host: {Reason}; exit code {ExitCode}")]
    private static partial void LogStopping(ILogger logger, string reason, int exitCode);
}
