using Matching.Domain.Access;
using Matching.Domain.Geography;

namespace Matching.Host.Apis;

/// <summary>
/// People's names instead of account ids in what the API serves: a county account is its county's
/// investment office, the seeded staff accounts their role, the seed loader "初始资料".
/// </summary>
internal static class PeopleNames
{
    /// <summary>The name to show for an account id (the id itself for accounts of an external issuer).</summary>
    public static string Of(string? userName, Province province) => userName switch
    {
        null or "" => "—",
        SeededAccounts.Coordinator => "省级统筹协调员",
        SeededAccounts.Officer => "省级招商专员",
        SeededAccounts.Admin => "平台运维管理员",
        "seed" or "seeds" => "初始资料",
        _ when userName.StartsWith("county-", StringComparison.Ordinal) && province.HasCounty(userName[7..]) =>
            $"{province.Label(userName[7..])}招商部门",
        _ => userName,
    };
}
