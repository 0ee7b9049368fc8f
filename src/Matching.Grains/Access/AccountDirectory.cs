using Matching.Contracts.Persistence;
using Matching.Domain.Access;
using Matching.Grains.Persistence;

namespace Matching.Grains.Access;

/// <summary>An account as listed: who it is, not its password nor whether it is disabled (the account's grain says that).</summary>
/// <param name="UserName">The sign-in name.</param>
/// <param name="Role">Its role.</param>
/// <param name="Adcode">Its county or prefecture.</param>
/// <param name="DisplayName">The name shown to people.</param>
public sealed record AccountEntry(string UserName, Role Role, string? Adcode, string DisplayName);

/// <summary>
/// The list of accounts, a row per account (<c>accounts</c>, in user-name order), in one partition for
/// all and one per role, read with paging: account grains cannot be enumerated, and the list must not
/// be a row that grows with every account.
/// </summary>
public sealed class AccountDirectory(IRowStore rows)
{
    internal const string Collection = "accounts";
    private const string All = "all";

    /// <summary>Lists accounts (an existing row is kept as it is: an account's identity never changes).</summary>
    public Task AddAsync(IEnumerable<AccountEntry> accounts, CancellationToken cancellationToken = default) =>
        rows.WriteAsync(Collection, [.. accounts.SelectMany(a => new[]
        {
            RowWrite.Append(All, a.UserName, a.UserName, RowBodies.Write(a)),
            RowWrite.Append(RoleOf(a.Role), a.UserName, a.UserName, RowBodies.Write(a)),
        })], cancellationToken);

    /// <summary>A page of accounts in user-name order (of one role, or all), and their number.</summary>
    public async Task<(IReadOnlyList<AccountEntry> Accounts, long Total)> ReadAsync(Role? role, int skip, int take, CancellationToken cancellationToken = default)
    {
        var page = await rows.PageAsync(Collection, role is { } r ? RoleOf(r) : All, new RowQuery(Skip: skip, Take: take), cancellationToken);
        return ([.. page.Rows.Select(r => RowBodies.Read<AccountEntry>(r.Body))], page.Total);
    }

    private static string RoleOf(Role role) => "role:" + role.ToString().ToLowerInvariant();
}
