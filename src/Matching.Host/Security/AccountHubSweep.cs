using Matching.Contracts.Access;
using Matching.Host.Auth;
using Matching.Host.Live;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Matching.Host.Security;

/// <summary>
/// The backstop of <see cref="AccountHubGuard"/>: a host that missed an account's close still pushes
/// events to that connection, so each host checks every open connection against its stored account:
/// every <see cref="Interval"/>, and every <see cref="SettlingInterval"/> while cluster membership is
/// settling (for <see cref="SettlingWindow"/> after the host starts and after every membership change).
/// While silos still agree on membership each may briefly hold its own activation of the live-hub
/// directory, and a directory that moved silos knows a host only once it registers again: that is when
/// a disable's close can miss a host, a joining one above all.
/// </summary>
public sealed partial class AccountHubSweep(
    HubConnections connections, IGrainFactory grains, IClusterMembershipService membership, IOptions<AuthOptions> auth, TimeProvider time,
    CurrentAccounts current, ILogger<AccountHubSweep> logger) : BackgroundService
{
    /// <summary>How often the connected accounts are checked while membership is settled.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>How often they are checked while membership is settling.</summary>
    public static readonly TimeSpan SettlingInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long membership counts as settling after a change: the directory's registrations are renewed
    /// every 20 s (<see cref="Grains.Live.LiveHubDirectoryGrain.RegistrationInterval"/>), so a moved
    /// directory knows every host again well within it.
    /// </summary>
    public static readonly TimeSpan SettlingWindow = TimeSpan.FromSeconds(60);

    private long _settlingUntilTicks;
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>True while the host checks its connections every <see cref="SettlingInterval"/>.</summary>
    public bool Settling => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _settlingUntilTicks);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!string.IsNullOrEmpty(auth.Value.Authority)) return;
        Settle();
        var watching = WatchMembership(stoppingToken);
        using var timer = new PeriodicTimer(SettlingInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = time.GetUtcNow();
                if (!Settling && now - _lastSweep < Interval) continue;
                _lastSweep = now;
                await Sweep();
            }
        }
        finally
        {
            await watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Settle() => Interlocked.Exchange(ref _settlingUntilTicks, (time.GetUtcNow() + SettlingWindow).UtcTicks);

    private async Task WatchMembership(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in membership.MembershipUpdates.WithCancellation(stoppingToken).ConfigureAwait(false)) Settle();
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            // Without the updates the host checks on its start window and then every Interval.
            LogWatchFailed(e);
        }
    }

    /// <summary>One check of every open connection: the account read once, each connection judged by its own token.</summary>
    private async Task Sweep()
    {
        foreach (var (userName, open) in connections.ByUser)
        {
            try
            {
                var account = await grains.GetGrain<IAccountGrain>(userName).Get();
                var stale = open.Where(c => !AccountTokens.IsCurrent(c.User, account)).ToList();
                if (stale.Count == 0) continue;
                // What closes the connections also ends this host's copy of the account for the sign-in check,
                // so that a reconnect or a request right after is refused too, not only after the copy expires.
                current.Forget(userName);
                foreach (var connection in stale) connection.Abort();
                LogClosed(userName, stale.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} hub connections of account {UserName}: it is disabled or changed, or its token is older than its password")]
    private partial void LogClosed(string userName, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the accounts of open hub connections failed; retrying")]
    private partial void LogCheckFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching cluster membership failed; open hub connections are checked every 30 s only")]
    private partial void LogWatchFailed(Exception error);
}
