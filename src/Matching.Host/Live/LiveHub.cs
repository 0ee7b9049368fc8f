using Matching.Contracts.Live;
using Matching.Domain.Access;
using Matching.Host.Auth;
using Matching.Live.Wire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Matching.Host.Live;

/// <summary>
/// The SignalR hub clients connect to (<see cref="LiveHubProtocol"/>; GPSTracker's <c>LocationHub</c>).
/// A connection is put in the streams its identity allows when it connects, never in the ones it asks
/// for, and reads back only from those. Events reach its connections through this host's
/// <see cref="RemoteLiveHub"/>.
/// </summary>
[Authorize]
public sealed class LiveHub(IGrainFactory grains) : Hub
{
    /// <summary>The streams an identity receives.</summary>
    public static IReadOnlyList<string> StreamsOf(Actor actor) => actor.Role switch
    {
        Role.County => [LiveStreams.County(actor.Adcode!)],
        Role.Officer => [LiveStreams.Officer(actor.UserName)],
        Role.Coordinator or Role.Admin => [LiveStreams.Coordinators],
        Role.Prefecture => [LiveStreams.Prefecture(actor.Adcode!)],
        _ => [],
    };

    private Actor Caller => Context.User?.AsActor() ?? throw new HubException("未登录。");

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.AsActor() is not { } actor)
        {
            Context.Abort();
            return;
        }

        foreach (var stream in StreamsOf(actor)) await Groups.AddToGroupAsync(Context.ConnectionId, stream);
        await base.OnConnectedAsync();
    }

    /// <summary>The projects this connection watches (their streams), kept with the connection.</summary>
    private HashSet<string> Watched =>
        (HashSet<string>)(Context.Items.TryGetValue(nameof(Watched), out var watched) ? watched! : Context.Items[nameof(Watched)] = new HashSet<string>());

    /// <summary>The connection's streams (its identity's, and the projects it watches) with their last sequence.</summary>
    public async Task<StreamHead[]> Streams() =>
        await Task.WhenAll(StreamsOf(Caller).Concat(Watched).Select(Head));

    /// <summary>
    /// Watches a project's public events (<see cref="LiveStreams.Project"/>) if the caller may see the
    /// project; returns the stream's head, from which its events follow.
    /// </summary>
    public async Task<StreamHead> Watch(Guid projectId)
    {
        if (await grains.GetGrain<Contracts.IProjectGrain>(projectId).Get() is not { } project || !AccessRules.CanSee(Caller, project))
            throw new HubException("项目不存在或无权查看。");
        var stream = LiveStreams.Project(projectId);
        if (Watched.Add(stream)) await Groups.AddToGroupAsync(Context.ConnectionId, stream);
        return await Head(stream);
    }

    /// <summary>Stops watching a project.</summary>
    public async Task Unwatch(Guid projectId)
    {
        var stream = LiveStreams.Project(projectId);
        if (Watched.Remove(stream)) await Groups.RemoveFromGroupAsync(Context.ConnectionId, stream);
    }

    private async Task<StreamHead> Head(string stream) => new(stream, await grains.GetGrain<IEventStreamGrain>(stream).Head());

    /// <summary>The events of one of the connection's streams after a sequence, oldest first (at most <see cref="LiveHubProtocol.PageSize"/>; <c>more</c> says ask again).</summary>
    public async Task<LivePage> Resume(string stream, long afterSequence)
    {
        if (!StreamsOf(Caller).Contains(stream) && !Watched.Contains(stream)) throw new HubException("无权读取该事件流。");
        if (afterSequence < 0) throw new HubException("afterSequence 不能为负数。");
        var page = await grains.GetGrain<IEventStreamGrain>(stream).Read(afterSequence, LiveHubProtocol.PageSize);
        return new LivePage([.. page.Events.Select(LiveMessages.ToMessage)], page.More);
    }
}
