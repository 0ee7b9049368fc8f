using Matching.Contracts.Persistence;
using Matching.Grains.Persistence;

namespace Matching.Grains.Access;

/// <summary>An account created, disabled or enabled again, or its password changed by itself: by whom, when and why.</summary>
/// <param name="Actor">The admin who changed it.</param>
/// <param name="Disabled">What the account became.</param>
/// <param name="Reason">Why, as the admin wrote it.</param>
/// <param name="At">When.</param>
/// <param name="Action"><c>created</c> for the account's creation, <c>passwordChanged</c> for its own password change; null for a change of status (rows written before creation was recorded).</param>
public sealed record AccountChange(string Actor, bool Disabled, string Reason, DateTimeOffset At, string? Action = null)
{
    /// <summary>The <see cref="Action"/> of an account's creation.</summary>
    public const string Created = "created";

    /// <summary>The <see cref="Action"/> of the account changing its own password (<see cref="Actor"/> is the account itself).</summary>
    public const string PasswordChanged = "passwordChanged";
}

/// <summary>
/// The audit of account creations and changes, a row per change under the account (<c>account-changes</c>): the
/// account's own row keeps only whether it is disabled now, and the trail grows beside it, read with paging.
/// </summary>
public sealed class AccountChanges(IRowStore rows)
{
    internal const string Collection = "account-changes";

    /// <summary>Appends one change; completes once it is stored.</summary>
    public Task RecordAsync(string userName, AccountChange change, CancellationToken cancellationToken = default) =>
        rows.WriteAsync(Collection, [RowWrite.Append(userName, Guid.CreateVersion7(change.At).ToString("N"), RowBodies.Number(change.At.UtcTicks), RowBodies.Write(change))], cancellationToken);

    /// <summary>A page of an account's changes, newest first, and their number.</summary>
    public async Task<(IReadOnlyList<AccountChange> Changes, long Total)> ReadAsync(string userName, int skip, int take, CancellationToken cancellationToken = default)
    {
        var page = await rows.PageAsync(Collection, userName, new RowQuery(Skip: skip, Take: take, Descending: true), cancellationToken);
        return ([.. page.Rows.Select(r => RowBodies.Read<AccountChange>(r.Body))], page.Total);
    }
}
