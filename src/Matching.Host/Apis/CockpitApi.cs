using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Domain.Cockpit;
using Matching.Domain.Counties;
using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Domain.Projects;
using Matching.Host.Auth;
using Matching.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>The cockpit: figures by county and prefecture, concentration per division and its trend, the weaker counties' share, division names.</summary>
/// <param name="From">First day counted (China time), when filtered.</param>
/// <param name="To">Last day counted, when filtered.</param>
/// <param name="Report">The figures.</param>
/// <param name="DivisionNames">GB/T division names by code, for the divisions present.</param>
/// <param name="Funnel">The landing funnel; null until the landing stages are part of this build.</param>
public sealed record CockpitResponse(DateOnly? From, DateOnly? To, CockpitReport Report, IReadOnlyDictionary<string, string> DivisionNames, object? Funnel);

internal static class CockpitApi
{
    /// <summary>Most projects of one settled status counted (the index pages them).</summary>
    private const int PerStatus = 2000;

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static RouteGroupBuilder MapCockpitApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cockpit").WithTags("Decisions")
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.AsActor() is { } actor && AccessRules.CanSeeContests(actor)));
        group.MapGet("/", Cockpit).WithName("GetCockpit")
            .WithSummary("Coordinators' cockpit: settled projects and investment (万元) by county and prefecture for decisions made from..to (dates, China time, inclusive), land and energy reserved against quota now, HHI of awarded investment by county per GB/T division with its monthly trend, and the share going to weaker counties (省财政直管县, 革命老区).")
            .ProducesValidationProblem();
        return group;
    }

    private static async Task<Results<Ok<CockpitResponse>, ValidationProblem>> Cockpit(
        string? from, string? to, ISearchEngine search, IGrainFactory grains, Province province, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (start, end) = (Day(from, "from", errors), Day(to, "to", errors));
        if (start is { } s && end is { } e && e < s) errors["to"] = ["结束日期不能早于开始日期。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "驾驶舱参数无效");

        var settled = await Settled(search, grains, cancellationToken);
        var counties = await Task.WhenAll(province.Counties.Select(async reference =>
        {
            var grain = grains.GetGrain<ICountyGrain>(reference.Adcode);
            var (county, energy) = (await grain.Get(), await grain.GetEnergyQuota());
            var land = await Task.WhenAll(province.ParksIn(reference.Adcode).Select(p => grains.GetGrain<IParkGrain>(p.Id).GetLandQuota()));
            var weaker = county is not null && CountyFairness.Of(county).Weaker;
            return new CockpitCounty(reference.Adcode, province.Label(reference.Adcode)!, reference.PrefectureAdcode, reference.PrefectureName, weaker,
                land.Sum(l => l.Reserved), land.Sum(l => l.Capacity), energy.Reserved, energy.Capacity);
        }));

        var report = CockpitFigures.Compute(settled, counties,
            start is { } a ? new DateTimeOffset(a.ToDateTime(TimeOnly.MinValue), China) : null,
            end is { } b ? new DateTimeOffset(b.AddDays(1).ToDateTime(TimeOnly.MinValue), China) : null);
        var names = report.Divisions.Select(d => d.Division).Distinct()
            .ToDictionary(d => d, d => province.Industries.Find(Domain.Industries.IndustryCode.Parse(d))?.Name ?? d);
        return TypedResults.Ok(new CockpitResponse(start, end, report, names, null));
    }

    /// <summary>Awarded, co-built and landed projects with the decision that settled them (the index finds them, the grains say what they are now).</summary>
    private static async Task<IReadOnlyList<SettledProject>> Settled(ISearchEngine search, IGrainFactory grains, CancellationToken cancellationToken)
    {
        ProjectStatus[] statuses = [ProjectStatus.Awarded, ProjectStatus.CoBuilt, ProjectStatus.Landed];
        var pages = await Task.WhenAll(statuses.Select(s => search.SearchProjectsAsync(new ProjectQuery(Status: s, Take: PerStatus), cancellationToken)));
        var settled = await Task.WhenAll(pages.SelectMany(p => p.Hits).Select(h => h.Id).Distinct().Select(async id =>
        {
            var grain = grains.GetGrain<IProjectGrain>(id);
            if (await grain.Get() is not { } project || !statuses.Contains(project.Status)) return null;
            if (await grain.GetLastDecision() is not { Terms: { Kind: DecisionKind.Award or DecisionKind.CoBuild, County: { } lead } terms } decision) return null;
            var d = project.Details;
            IReadOnlyList<HostShare> shares = terms.Kind == DecisionKind.CoBuild ? [.. terms.Shares.Select(x => new HostShare(x.County, x.Percent))] : [];
            return new SettledProject(project.Id, d.IndustryCode.Division ?? d.IndustryCode.Value, d.Investment, decision.DecidedAt, lead, shares);
        }));
        return [.. settled.OfType<SettledProject>()];
    }

    private static DateOnly? Day(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)) return day;
        errors[field] = [$"须为日期，格式 yyyy-MM-dd（收到“{value}”）。"];
        return null;
    }
}
