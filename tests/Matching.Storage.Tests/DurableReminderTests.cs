using System.Collections.Concurrent;
using Matching.Grains.Persistence;
using Matching.Storage.Sqlite;
using Matching.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Storage;

namespace Matching.Storage.Tests;

/// <summary>Registers a reminder when asked; records each tick where the test can see it.</summary>
[Alias("Matching.Storage.Tests.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("Arm")]
    Task Arm(TimeSpan dueTime);
}

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Fired = new();

    public async Task Arm(TimeSpan dueTime) => await this.RegisterOrUpdateReminder("probe", dueTime, TimeSpan.FromMinutes(1));

    public async Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status)
    {
        Fired.GetOrAdd(this.GetPrimaryKeyString(), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        await this.UnregisterReminder(await this.GetReminder(reminderName) ?? throw new InvalidOperationException("the reminder that fired is gone"));
    }
}

/// <summary>
/// The embedded profile's reminders outlive the silo: a reminder registered by one silo fires in the next
/// one started on the same data folder, though the first stopped before it was due.
/// </summary>
public sealed class DurableReminderTests
{
    private static IHost Silo(string folder) => new HostBuilder()
        .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
        .UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next());
            silo.Services.AddSingleton<IGrainStorageSerializer, JsonStateSerializer>();
            silo.AddMatchingSqliteStorage(MatchingStorage.Name, folder);
        })
        .Build();

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), "matching-reminder-silo", Guid.NewGuid().ToString("N"));
        var key = Guid.NewGuid().ToString("N");
        var fired = ReminderProbeGrain.Fired.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        using (var first = Silo(folder))
        {
            await first.StartAsync(ct);
            await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IReminderProbeGrain>(key).Arm(TimeSpan.FromSeconds(8));
            await first.StopAsync(ct);
        }

        Assert.False(fired.Task.IsCompleted, "the reminder fired before the restart; the test proves nothing");

        using var second = Silo(folder);
        await second.StartAsync(ct);
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(90), ct);
        await second.StopAsync(ct);
    }
}
