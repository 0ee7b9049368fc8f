using Matching.Domain.Access;
using Matching.Grains.Access;

namespace Matching.Host.Auth;

/// <summary>
/// The account list filtered by text (<c>GET /api/accounts?q=</c>): user names and display names that
/// contain it, case-insensitively, in name order, searched within the first <see cref="Window"/>
/// accounts of the partition so that a search costs the same however many accounts there are (a
/// province has a few hundred).
/// </summary>
internal static class AccountSearch
{
    /// <summary>How many accounts of the partition a search reads at most.</summary>
    public const int Window = 2_000;

    public static async Task<(IReadOnlyList<AccountEntry> Accounts, long Total)> ReadAsync(
        AccountDirectory directory, Role? role, string text, int skip, int take, CancellationToken cancellationToken)
    {
        var (window, _) = await directory.ReadAsync(role, 0, Window, cancellationToken);
        var matching = window.Where(a => a.UserName.Contains(text, StringComparison.OrdinalIgnoreCase)
            || a.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();
        return ([.. matching.Skip(skip).Take(take)], matching.Count);
    }
}
