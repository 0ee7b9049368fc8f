using Matching.Search;
using Matching.Domain.Projects;
using Matching.Host.Lists;

namespace Matching.Host.Apis;

/// <summary>A county's inbox as a table: the project's columns with the county's fit score and when it arrived.</summary>
internal static class InboxRows
{
    public static readonly ListShape<InboxItem> Shape = new("收件箱",
    [
        new("title", "项目名称", r => r.Project.Title),
        new("industry", "行业", r => r.Project.IndustryCode, r => $"{r.Project.IndustryCode} {r.Project.IndustryName}"),
        new("status", "状态", r => r.Project.Status, r => r.Project.StatusName),
        new("score", "契合度（满分 100）", r => Math.Round(r.Score, 1)),
        new("investment", "投资额（万元）", r => r.Project.Investment),
        new("landMu", "用地（亩）", r => r.Project.LandMu),
        new("energyTce", "能耗（吨标准煤/年）", r => r.Project.EnergyTce),
        new("firstContact", "首谈地", r => r.Project.FirstContactCountyName),
        new("hostCounty", "落地县", r => r.Project.HostCountyName),
        new("at", "推送时间", r => r.At),
        new("deadline", "截止日期", r => r.Project.Deadline),
    ], "at", true,
        r => [r.Project.Title, r.Project.IndustryCode, r.Project.IndustryName, r.Project.FirstContactCountyName],
        r => r.Project.Status);
}

/// <summary>A county's bids as a table: the project, the county's offer and the outcome.</summary>
internal static class CountyBidRows
{
    public static readonly ListShape<CountyBidResponse> Shape = new("我的意向",
    [
        new("title", "项目名称", r => r.Project.Title),
        new("status", "项目状态", r => r.Project.Status, r => ProjectLifecycle.Label(r.Project.Status)),
        new("investment", "投资额（万元）", r => r.Project.Investment),
        new("bidLandMu", "本县供地（亩）", r => r.Bid?.LandMu),
        new("bidEnergyTce", "本县能耗（吨标准煤/年）", r => r.Bid?.EnergyTce),
        new("deliveryMonths", "交地（月）", r => r.Bid?.DeliveryMonths),
        new("placedAt", "意向时间", r => r.Bid?.PlacedAt, r => r.Bid?.PlacedAt ?? (object)"已撤回"),
        new("updatedAt", "项目更新", r => r.Project.UpdatedAt),
    ], "updatedAt", true,
        r => [r.Project.Title, r.Project.IndustryName, r.Project.IndustryCode, r.Bid?.Commitments, r.Bid?.Note],
        r => r.Project.Status);
}

/// <summary>
/// The contest board's order and filters over the index's hits (<see cref="ContestHit"/>): the same
/// columns as <see cref="ContestRows.Shape"/>, computed from the hit without building its row, so that a
/// board of many contests is sorted cheaply and only the page shown is built (<see cref="ContestBoard.Row"/>).
/// </summary>
internal static class ContestHitRows
{
    public static ListShape<ContestHit> Shape(Domain.Access.Actor actor, Domain.Geography.Province province)
    {
        // The bids the caller may see, as the row shows them (a prefecture coordinator sees its own counties').
        IEnumerable<Domain.Compliance.PlacedBid> Visible(ContestHit h) =>
            h.Contest.Bids.Where(b => actor.SeesEverything || actor.CoordinatesCounty(b.Bid.County));
        string IndustryName(ContestHit h) =>
            Domain.Industries.IndustryCode.TryParse(h.IndustryCode, out var code) ? province.Industries.Find(code)?.Name ?? string.Empty : string.Empty;
        string CountyName(string county) => province.Label(county) ?? county;
        return new("竞争项目",
        [
            new("title", "项目名称", h => h.Title),
            new("industry", "行业", h => h.IndustryCode),
            new("investment", "投资额（万元）", h => h.Contest.Investment),
            new("landMu", "用地（亩）", h => h.Contest.LandMu),
            new("bids", "意向县数", h => Visible(h).Count()),
            new("bidders", "意向县", h => string.Join("、", Visible(h).Select(b => CountyName(b.Bid.County)))),
            new("bestScore", "最高契合度（满分 100）", h => Visible(h).Max(b => h.Contest.Scores.TryGetValue(b.Bid.County, out var s) ? s : (double?)null) is { } s ? Math.Round(s, 1) : null),
        ], "title", false,
            h => [h.Title, IndustryName(h), .. Visible(h).Select(b => CountyName(b.Bid.County))]);
    }
}

/// <summary>The contest board as a table: each contested project with its bids counted and the best fit.</summary>
internal static class ContestRows
{
    public static readonly ListShape<ContestResponse> Shape = new("竞争项目",
    [
        new("title", "项目名称", r => r.Project.Title),
        new("industry", "行业", r => r.Project.IndustryCode, r => $"{r.Project.IndustryCode} {r.Project.IndustryName}"),
        new("investment", "投资额（万元）", r => r.Project.Investment),
        new("landMu", "用地（亩）", r => r.Project.LandMu),
        new("bids", "意向县数", r => r.Bids.Count),
        new("bidders", "意向县", r => string.Join("、", r.Bids.Select(b => b.Bid.CountyName))),
        new("bestScore", "最高契合度（满分 100）", r => r.Bids.Max(b => b.Score) is { } s ? Math.Round(s, 1) : null),
    ], "title", false,
        r => [r.Project.Title, r.Project.IndustryName, .. r.Bids.Select(b => b.Bid.CountyName)]);
}
