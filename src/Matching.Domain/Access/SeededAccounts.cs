using Matching.Domain.Geography;

namespace Matching.Domain.Access;

/// <summary>An account the embedded default creates on first start.</summary>
/// <param name="UserName">Sign-in name.</param>
/// <param name="Role">Its role.</param>
/// <param name="Adcode">The county of a county account.</param>
/// <param name="DisplayName">Shown in the UI (Chinese).</param>
public sealed record AccountSeed(string UserName, Role Role, string? Adcode, string DisplayName);

/// <summary>The embedded default's accounts: one coordinator, one provincial officer, one admin, one per county, one coordinator per prefecture.</summary>
public static class SeededAccounts
{
    public const string Coordinator = "coordinator";
    public const string Officer = "officer";
    public const string Admin = "admin";

    /// <summary>The account name of a county (<c>county-370112</c>).</summary>
    public static string CountyUser(string adcode) => "county-" + adcode;

    /// <summary>The account name of a prefecture's coordinator (<c>city-3708</c> for 370800, 济宁市).</summary>
    public static string PrefectureUser(string prefectureAdcode) => "city-" + prefectureAdcode[..4];

    public static IReadOnlyList<AccountSeed> For(Province province) =>
    [
        new(Coordinator, Role.Coordinator, null, "省级统筹协调员"),
        new(Officer, Role.Officer, null, "省级招商专员"),
        new(Admin, Role.Admin, null, "平台运维管理员"),
        .. province.Counties.Select(c => new AccountSeed(CountyUser(c.Adcode), Role.County, c.Adcode, c.Name)),
        .. province.Prefectures.Select(p => new AccountSeed(PrefectureUser(p.Adcode), Role.Prefecture, p.Adcode, p.Name + "统筹协调员")),
    ];
}
