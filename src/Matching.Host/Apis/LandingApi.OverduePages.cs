using System.Globalization;
using Matching.Domain.Geography;
using Matching.Host.Auth;
using Matching.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>One keyset page of overdue projects and where the next one starts.</summary>
/// <param name="Rows">The page, in decision order (decision time, then project id).</param>
/// <param name="Next">The <c>after</c> of the next page; null when this page is the last.</param>
public sealed record OverduePage(IReadOnlyList<OverdueRow> Rows, string? Next);

/// <summary>
/// The overdue projects one keyset page at a time (<c>GET /api/landing/overdue/pages?after=&amp;take=</c>):
/// one index read of at most <see cref="MaxTake"/> hits after a cursor, whatever the number of overdue
/// projects, and exact across pages (a project flagged while a client pages is not read twice nor
/// shifts a page, as an offset would).
/// </summary>
internal static partial class LandingApi
{
    /// <summary>The largest page.</summary>
    public const int MaxTake = 500;

    private static void MapOverduePages(this RouteGroupBuilder group) =>
        group.MapGet("/landing/overdue/pages", OverduePages).WithName("PageOverdueProjects")
            .WithSummary("超期项目按统筹决定时间分页读取（键集分页）：after 为上一页返回的 next（首页不填），take 1–500（默认 100）。统筹协调员看全部，县看本县参与的。");

    private static async Task<Results<Ok<OverduePage>, ValidationProblem, ForbiddenProblem>> OverduePages(string? after, int? take, ISearchEngine search, Province province, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var actor = http.Actor();
        if (!actor.SeesEverything && actor.County is null) return Access.Forbidden("超期项目清单仅对统筹协调员和县（市、区）账号可见。");
        var errors = new Dictionary<string, string[]>();
        SettledCursor? cursor = null;
        if (!string.IsNullOrEmpty(after) && !TryCursor(after, out cursor)) errors["after"] = ["须为上一页返回的 next 值。"];
        if (take is < 1 or > MaxTake) errors["take"] = [$"须在 1 到 {MaxTake} 之间。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "分页参数无效");

        var size = take ?? 100;
        var page = await search.ReadSettledAsync(new SettledQuery(County: actor.SeesEverything ? null : actor.County, OverdueOnly: true, After: cursor, Take: size), cancellationToken);
        var rows = OverdueRowsOf(page.Hits, province, time.GetUtcNow()).ToArray();
        return TypedResults.Ok(new OverduePage(rows, page.Hits.Count < size || page.Next is not { } next ? null : Cursor(next)));
    }

    private static string Cursor(SettledCursor cursor) =>
        $"{cursor.DecidedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}-{cursor.Id:N}";

    private static bool TryCursor(string text, out SettledCursor? cursor)
    {
        cursor = null;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParseExact(text.AsSpan(dash + 1), "N", out var id)) return false;
        cursor = new SettledCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
