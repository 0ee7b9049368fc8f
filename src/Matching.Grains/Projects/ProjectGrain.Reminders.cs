namespace Matching.Grains.Projects;

/// <summary>
/// The project's durable reminders, dispatched by name: the bidding deadline and the landing stage clock
/// (<c>ProjectGrain.Landing</c>), and the prefecture's decision timeout (<c>ProjectGrain.Routing</c>).
/// Orleans calls one <c>ReceiveReminder</c> per grain, so each room names its reminders
/// and only a name no room owns is dropped.
/// </summary>
public sealed partial class ProjectGrain : IRemindable
{
    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName switch
    {
        DeadlineReminder or ClockReminder => LandingReminder(reminderName),
        TimeoutReminder => RoutingTimeout(),
        _ => Unregister(reminderName),
    };
}
