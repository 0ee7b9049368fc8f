using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Domain.JointBids;
using Matching.Grains.Pairings;
using Matching.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A county a lead may bid with, and why (相邻 or 结对).</summary>
public sealed record JointPartnerOption(string County, string Name, bool Neighbour, IReadOnlyList<string> Pairings);

/// <summary>A joint bid as served: the shares with names, who confirmed, who is awaited, whether it counts.</summary>
public sealed record JointBidResponse(
    string Lead, string LeadName, IReadOnlyList<JointShareResponse> Shares, IReadOnlyList<PartnerConfirmation> Confirmations,
    IReadOnlyList<string> Awaiting, bool Counts, string ProposedBy, DateTimeOffset ProposedAt, PartnerDecline? Declined);

/// <summary>One county's share of a joint bid.</summary>
public sealed record JointShareResponse(string County, string Name, decimal Percent);

/// <summary>Joint bids (联合招商) and the pairings that offer partners for them.</summary>
internal static class JointBidsApi
{
    /// <summary>Years a co-build made from a winning joint bid runs when the decision names none.</summary>
    public const int DefaultCoBuildYears = 10;

    public static RouteGroupBuilder MapJointBidsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{id:guid}/joint-bids", Propose).WithTags("Bids").WithName("ProposeJointBid")
            .WithSummary("A lead county proposes a joint bid with partner counties (neighbours or pairing partners) and shares summing to 100; it counts once every partner confirmed.");
        api.MapGet("/projects/{id:guid}/joint-bids", List).WithTags("Bids").WithName("ListJointBids")
            .WithSummary("The project's joint bids the caller is party to (staff: all; a prefecture: its counties').");
        api.MapPost("/projects/{id:guid}/joint-bids/{lead}/confirm", Confirm).WithTags("Bids").WithName("ConfirmJointBid")
            .WithSummary("A partner county confirms with its own commitments, screened by the fair-competition rules (422 names the rule); the last confirmation places the bid.");
        api.MapPost("/projects/{id:guid}/joint-bids/{lead}/decline", Decline).WithTags("Bids").WithName("DeclineJointBid")
            .WithSummary("An invited partner county declines with a reason (400 without one); the joint bid is closed and never counts, and the lead hears of it live.");
        api.MapGet("/counties/{adcode}/joint-partners", Partners).WithTags("Bids").WithName("ListJointPartners")
            .WithSummary("Counties the county may bid with: its neighbours and pairing partners.");
        api.MapGet("/pairings", async (IGrainFactory grains) => TypedResults.Ok(await Pairings(grains).GetAll())).WithTags("Counties").WithName("ListPairings")
            .WithSummary("Strong–weak pairings and neighbour groups: who, when, why, from which notice.");
        api.MapPost("/pairings", (PairingInput input, IGrainFactory grains, HttpContext http) =>
            SavePairing(null, input, grains, http, saved => TypedResults.Created($"/api/pairings/{saved.Id}", saved))).WithTags("Counties").WithName("AddPairing")
            .WithSummary("A provincial coordinator adds a pairing (reason and notice required); the counties' pairing partners follow.");
        api.MapPut("/pairings/{pairingId}", (string pairingId, PairingInput input, IGrainFactory grains, HttpContext http) =>
            SavePairing(pairingId, input, grains, http, saved => TypedResults.Ok(saved)))
            .WithTags("Counties").WithName("ReplacePairing");
        api.MapPost("/pairings/{pairingId}/end", EndPairing).WithTags("Counties").WithName("EndPairing")
            .WithSummary("A provincial coordinator ends a pairing (reason and notice required); its last version records who, when, why and the notice.");
        api.MapGet("/pairings/versions", (int? skip, int? take, PairingVersions versions, HttpContext http, CancellationToken ct) => Versions(null, skip, take, versions, http, ct))
            .WithTags("Counties").WithName("ListPairingVersions")
            .WithSummary("Every version of every pairing (added, changed, ended), newest first; skip/take (total in X-Total-Count).");
        api.MapGet("/pairings/{pairingId}/versions", (string pairingId, int? skip, int? take, PairingVersions versions, HttpContext http, CancellationToken ct) => Versions(pairingId, skip, take, versions, http, ct))
            .WithTags("Counties").WithName("ListPairingVersionsOf")
            .WithSummary("One pairing's versions, newest first; skip/take (total in X-Total-Count).");
        return api;
    }

    /// <summary>
    /// A winning joint bid becomes a co-build with its shares: an award to the lead of a counted joint bid is
    /// decided as a co-build of the joint bid's counties (the partners bid through the lead).
    /// </summary>
    public static async Task<DecisionInput> AsCoBuild(IGrainFactory grains, Guid id, DecisionInput input)
    {
        if (input.Kind != DecisionKind.Award || input.County is not { } lead) return input;
        var joint = (await grains.GetGrain<IProjectJointBids>(id).GetJointBids()).FirstOrDefault(j => j.Lead == lead);
        if (joint is null) return input;
        var live = (await grains.GetGrain<IProjectGrain>(id).GetBids()).FirstOrDefault(b => b.Bid.County == lead);
        if (!joint.Counts(live)) return input;
        return input with
        {
            Kind = DecisionKind.CoBuild,
            Shares = [.. joint.Shares.Select(s => new DecisionShareInput(s.County, s.Percent))],
            Years = input.Years ?? DefaultCoBuildYears,
            AssignsNonBidder = true,
        };
    }

    private static IPairingGrain Pairings(IGrainFactory grains) => grains.GetGrain<IPairingGrain>(IPairingGrain.Key);

    private static async Task<IReadOnlyList<JointPartnerOption>> OptionsOf(string county, Province province, IGrainFactory grains)
    {
        var neighbours = province.FindCounty(county)?.Neighbours ?? [];
        var pairings = await Pairings(grains).GetAll();
        var paired = pairings.SelectMany(p => p.PartnersOf(county).Select(c => (County: c, Pairing: p))).ToLookup(x => x.County, x => x.Pairing);
        return [.. neighbours.Concat(paired.Select(g => g.Key)).Distinct().Order(StringComparer.Ordinal)
            .Select(c => new JointPartnerOption(c, province.FindCounty(c)?.Name ?? c, neighbours.Contains(c),
                [.. paired[c].Select(p => $"{(p.Kind == PairingKind.StrongWeak ? "强弱县结对" : "相邻县协同")}（{p.Notice}）")]))];
    }

    private static JointBidResponse View(JointBid joint, IReadOnlyList<Domain.Compliance.PlacedBid> bids, Province province) => new(
        joint.Lead, province.FindCounty(joint.Lead)?.Name ?? joint.Lead,
        [.. joint.Shares.Select(s => new JointShareResponse(s.County, province.FindCounty(s.County)?.Name ?? s.County, s.Percent))],
        joint.Confirmations, [.. joint.Awaiting], joint.Counts(bids.FirstOrDefault(b => b.Bid.County == joint.Lead)), joint.ProposedBy, joint.ProposedAt, joint.Declined);

    private static async Task<Results<Created<JointBidResponse>, NotFoundProblem, ForbiddenProblem, Rejection>> Propose(Guid id, JointBidInput input, IGrainFactory grains, Province province, HttpContext http)
    {
        var actor = http.Actor();
        if (actor.County is not { } lead) return Access.Forbidden("只有县（市、区）账号可以牵头联合招商。");
        var (_, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        if (input.Bid?.County is { } named && !string.IsNullOrWhiteSpace(named) && named.Trim() != lead) return Access.Forbidden("只能以本县（市、区）名义牵头联合招商。");
        var eligible = (await OptionsOf(lead, province, grains)).Select(o => o.County).ToArray();
        var result = await grains.GetGrain<IProjectJointBids>(id).ProposeJointBid(input, lead, eligible, actor.UserName);
        if (!result.IsOk) return Http.Rejection(result);
        return TypedResults.Created($"/api/projects/{id}/joint-bids", View(result.Value!, [], province));
    }

    private static async Task<Results<Ok<JointBidResponse>, NotFoundProblem, ForbiddenProblem, Rejection>> Confirm(Guid id, string lead, PartnerConfirmationInput input, IGrainFactory grains, Province province, HttpContext http)
    {
        var actor = http.Actor();
        if (actor.County is not { } partner) return Access.Forbidden("只有受邀的合作县账号可以确认联合招商。");
        var (_, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        var result = await grains.GetGrain<IProjectJointBids>(id).ConfirmJointBid(lead, partner, input, actor.UserName);
        if (!result.IsOk) return Http.Rejection(result);
        return TypedResults.Ok(View(result.Value!, await grains.GetGrain<IProjectGrain>(id).GetBids(), province));
    }

    private static async Task<Results<Ok<JointBidResponse>, NotFoundProblem, ForbiddenProblem, Rejection>> Decline(Guid id, string lead, PartnerDeclineInput input, IGrainFactory grains, Province province, HttpContext http)
    {
        var actor = http.Actor();
        if (actor.County is not { } partner) return Access.Forbidden("只有受邀的合作县账号可以谢绝联合招商。");
        var (_, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        var result = await grains.GetGrain<IProjectJointBids>(id).DeclineJointBid(lead, partner, input, actor.UserName);
        if (!result.IsOk) return Http.Rejection(result);
        return TypedResults.Ok(View(result.Value!, await grains.GetGrain<IProjectGrain>(id).GetBids(), province));
    }

    private static async Task<Results<Ok<JointBidResponse[]>, NotFoundProblem>> List(Guid id, IGrainFactory grains, Province province, HttpContext http)
    {
        var actor = http.Actor();
        var (project, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        var joints = await grains.GetGrain<IProjectJointBids>(id).GetJointBids();
        var bids = await grains.GetGrain<IProjectGrain>(id).GetBids();
        bool Party(JointBid j) => AccessRules.CanSeeWorking(actor, project!) || j.Shares.Any(s => actor.IsCounty(s.County) || actor.CoordinatesCounty(s.County));
        return TypedResults.Ok(joints.Where(Party).Select(j => View(j, bids, province)).ToArray());
    }

    private static async Task<Results<Ok<IReadOnlyList<JointPartnerOption>>, NotFoundProblem, ForbiddenProblem>> Partners(string adcode, Province province, IGrainFactory grains, HttpContext http)
    {
        if (province.FindCounty(adcode) is null) return NotFoundProblem.Of($"没有代码为“{adcode}”的山东省县级行政区。");
        if (!AccessRules.CanSeeCountyWork(http.Actor(), adcode)) return Access.Forbidden("只能查看本县（市、区）的合作县。");
        return TypedResults.Ok(await OptionsOf(adcode, province, grains));
    }

    private static async Task<Results<TSaved, ForbiddenProblem, Rejection>> SavePairing<TSaved>(
        string? pairingId, PairingInput input, IGrainFactory grains, HttpContext http, Func<CountyPairing, TSaved> answer) where TSaved : IResult
    {
        var actor = http.Actor();
        if (!actor.IsCoordinator) return Access.Forbidden("只有省级统筹协调员可以编辑结对。");
        var result = await Pairings(grains).Save(pairingId, input, actor.UserName);
        if (!result.IsOk) return Http.Rejection(result);
        return answer(result.Value!);
    }

    private static async Task<Results<Ok<PairingVersion>, ForbiddenProblem, Rejection>> EndPairing(string pairingId, PairingEndInput input, IGrainFactory grains, HttpContext http)
    {
        var actor = http.Actor();
        if (!actor.IsCoordinator) return Access.Forbidden("只有省级统筹协调员可以编辑结对。");
        var result = await Pairings(grains).End(pairingId, input, actor.UserName);
        return result.IsOk ? TypedResults.Ok(result.Value!) : Http.Rejection(result);
    }

    private static async Task<Results<Ok<IReadOnlyList<PairingVersion>>, NotFoundProblem, ValidationProblem>> Versions(string? pairingId, int? skip, int? take, PairingVersions versions, HttpContext http, CancellationToken cancellationToken)
    {
        if ((skip ?? 0) < 0 || take is < 1 or > Paging.MaxTake)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [(skip ?? 0) < 0 ? "skip" : "take"] = [$"skip 不能为负数，take 须在 1 到 {Paging.MaxTake} 之间。"] }, title: "分页参数无效");
        var (page, total) = await versions.ReadAsync(pairingId, skip ?? 0, take ?? 20, cancellationToken);
        if (pairingId is not null && total == 0) return NotFoundProblem.Of($"结对 {pairingId} 不存在。");
        http.Response.Headers[Paging.TotalHeader] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(page);
    }
}
