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
/// <param name="Funnel">The landing funnel of the province over the period's settled projects.</param>
/// <param name="CountyFunnels">Each county's funnel (counties with a settled project in the period).</param>
public sealed record CockpitResponse(DateOnly? From, DateOnly? To, CockpitReport Report, IReadOnlyDictionary<string, string> DivisionNames, CountyFunnel Funnel, IReadOnlyList<CountyFunnel> CountyFunnels);

internal static class CockpitApi
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static RouteGroupBuilder MapCockpitApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cockpit").WithTags("Decisions")
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.AsActor() is { } actor && AccessRules.CanSeeContests(actor)));
        group.MapGet("/", Cockpit).WithName("GetCockpit")
            .WithSummary("Coordinators' cockpit: settled projects and investment (万元) by county and prefecture for decisions made from..to (dates, China time, inclusive), land and energy reserved against quota now, HHI of awarded investment by county per GB/T division with its monthly trend, the share going to weaker counties (省财政直管县, 革命老区), and the landing funnel (confirmed 签约→开工→资金到位→投产→达产, conversion, overdue) by county.");
        return group;
    }

    private static async Task<Results<Ok<CockpitResponse>, ValidationProblem>> Cockpit(
        string? from, string? to, ISearchEngine search, IGrainFactory grains, Province province, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (start, end) = (Day(from, "from", errors), Day(to, "to", errors));
        if (start is { } s && end is { } e && e < s) errors["to"] = ["结束日期不能早于开始日期。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "驾驶舱参数无效");

        DateTimeOffset? since = start is { } a ? new DateTimeOffset(a.ToDateTime(TimeOnly.MinValue), China) : null;
        DateTimeOffset? until = end is { } b ? new DateTimeOffset(b.AddDays(1).ToDateTime(TimeOnly.MinValue), China) : null;
        var settled = await Settled(search, cancellationToken, since, until);
        var counties = await Task.WhenAll(province.Counties.Select(async reference =>
        {
            var grain = grains.GetGrain<ICountyGrain>(reference.Adcode);
            var (county, energy) = (await grain.Get(), await grain.GetEnergyQuota());
            var land = await Task.WhenAll(province.ParksIn(reference.Adcode).Select(p => grains.GetGrain<IParkGrain>(p.Id).GetLandQuota()));
            var weaker = county is not null && CountyFairness.Of(county).Weaker;
            return new CockpitCounty(reference.Adcode, province.Label(reference.Adcode)!, reference.PrefectureAdcode, reference.PrefectureName, weaker,
                land.Sum(l => l.Reserved), land.Sum(l => l.Capacity), energy.Reserved, energy.Capacity);
        }));

        var report = CockpitFigures.Compute([.. settled.Select(x => x.Project)], counties, since, until);
        var (funnel, countyFunnels) = LandingFunnel.Compute([.. settled.Select(x => x.Funnel)]);
        var names = report.Divisions.Select(d => d.Division).Distinct()
            .ToDictionary(d => d, d => province.Industries.Find(Domain.Industries.IndustryCode.Parse(d))?.Name ?? d);
        return TypedResults.Ok(new CockpitResponse(start, end, report, names, funnel, countyFunnels));
    }

    /// <summary>
    /// Awarded, co-built and landed projects with the decision in force and their landing, decided in
    /// [<paramref name="from"/>, <paramref name="until"/>): read from the settled projects' projection in
    /// the search index, in pages, without reading a project grain.
    /// </summary>
    internal static async Task<IReadOnlyList<(SettledProject Project, FunnelEntry Funnel)>> Settled(
        ISearchEngine search, CancellationToken cancellationToken, DateTimeOffset? from = null, DateTimeOffset? until = null)
    {
        var hits = await search.ReadAllSettledAsync(new SettledQuery(DecidedFrom: from, DecidedBefore: until), cancellationToken);
        return [.. hits.Select(h => (h.Settlement.AsSettled(h.Id, h.Division), h.Settlement.AsFunnel()))];
    }

    private static DateOnly? Day(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)) return day;
        errors[field] = [$"须为日期，格式 yyyy-MM-dd（收到“{value}”）。"];
        return null;
    }
}
