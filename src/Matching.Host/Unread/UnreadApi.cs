using Matching.Contracts;
using Matching.Contracts.Live;
using Matching.Contracts.Unread;
using Matching.Domain.Access;
using Matching.Domain.Projects;
using Matching.Host.Apis;
using Matching.Host.Auth;
using Matching.Grains.Inboxes;
using Matching.Grains.Registry;
using Matching.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Unread;

/// <summary>The projects with news the caller has not opened yet, and how many.</summary>
/// <param name="Count">How many of the caller's projects are unread.</param>
/// <param name="Projects">Which.</param>
public sealed record UnreadResponse(int Count, IReadOnlyList<Guid> Projects);

/// <summary>
/// Unread state per user, kept on the server so that every browser and phone of the user agrees: a
/// project is unread while its live stream (<see cref="LiveStreams.Project"/>) has events beyond the
/// sequence the user last opened it at (<see cref="IReadMarkGrain"/>). Which projects count is the
/// caller's work list: a county's inbox, an officer's own projects, the coordinators' contests.
/// </summary>
internal static class UnreadApi
{
    public static RouteGroupBuilder MapUnreadApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me").WithTags("Unread");
        group.MapGet("/unread", Unread).WithName("GetUnread")
            .WithSummary("The caller's unread projects (inbox, own projects or contests, by role) and their number.");
        group.MapPost("/read/{id:guid}", Read).WithName("MarkRead")
            .WithSummary("Marks a project read for the caller, up to its latest event.");
        return group;
    }

    /// <summary>Most projects one unread count looks at (the newest open ones of an inbox, an officer's newest): its cost does not grow with use.</summary>
    private const int Window = 200;

    private static async Task<Ok<UnreadResponse>> Unread(IGrainFactory grains, ISearchEngine search, CountyInbox inbox, ProjectLists lists, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Of(http.Actor(), grains, search, inbox, lists, cancellationToken));

    private static async Task<Results<NoContent, NotFoundProblem>> Read(Guid id, IGrainFactory grains, HttpContext http)
    {
        var actor = http.Actor();
        var (_, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        var head = await grains.GetGrain<IEventStreamGrain>(LiveStreams.Project(id)).Head();
        await grains.GetGrain<IReadMarkGrain>(IReadMarkGrain.KeyOf(actor.UserName, LiveStreams.Project(id))).See(head);
        return TypedResults.NoContent();
    }

    private static async Task<UnreadResponse> Of(Actor actor, IGrainFactory grains, ISearchEngine search, CountyInbox inbox, ProjectLists lists, CancellationToken cancellationToken)
    {
        var candidates = await WorkList(actor, grains, search, inbox, lists, cancellationToken);
        var unread = await Task.WhenAll(candidates.Select(async id =>
        {
            var stream = LiveStreams.Project(id);
            var (head, seen) = (await grains.GetGrain<IEventStreamGrain>(stream).Head(), await grains.GetGrain<IReadMarkGrain>(IReadMarkGrain.KeyOf(actor.UserName, stream)).Get());
            return head > seen ? id : (Guid?)null;
        }));
        var ids = unread.OfType<Guid>().ToArray();
        return new UnreadResponse(ids.Length, ids);
    }

    /// <summary>The projects whose news the caller is expected to follow.</summary>
    private static async Task<IReadOnlyList<Guid>> WorkList(Actor actor, IGrainFactory grains, ISearchEngine search, CountyInbox inbox, ProjectLists lists, CancellationToken cancellationToken)
    {
        if (actor.County is { } county)
        {
            // Only projects still open to bids are work: the newest such entries (by the status on the row, checked on the grain).
            var entries = (await inbox.ReadAsync(county, [ProjectStatus.Open, ProjectStatus.Contested], 0, Window, cancellationToken: cancellationToken)).Entries;
            var projects = await Task.WhenAll(entries.Select(e => grains.GetGrain<IProjectGrain>(e.ProjectId).Get()));
            return projects.OfType<Project>().Where(p => p.Status is ProjectStatus.Open or ProjectStatus.Contested).Select(p => p.Id).ToArray();
        }

        if (actor.SeesEverything)
        {
            var contested = await search.SearchProjectsAsync(new ProjectQuery(Status: ProjectStatus.Contested, Take: 100), cancellationToken);
            return contested.Hits.Select(h => h.Id).ToArray();
        }

        // An officer follows the projects still open to bids; drafts and settled ones have no news to miss.
        var (ids, _) = await lists.ReadAsync(ProjectLists.PostedBy(actor.UserName), 0, Window, cancellationToken);
        var posted = await Task.WhenAll(ids.Select(id => grains.GetGrain<IProjectGrain>(id).Get()));
        return posted.OfType<Project>().Where(p => p.Status is ProjectStatus.Open or ProjectStatus.Contested).Select(p => p.Id).ToArray();
    }
}
