namespace Matching.Host.Apis;

/// <summary>
/// Paging limits shared by the list endpoints (the list query of <c>Lists/ListQuery</c> and the
/// history's <c>after</c>/<c>take</c>); the list's total travels in the <c>X-Total-Count</c> header.
/// </summary>
internal static class Paging
{
    public const int DefaultTake = 200, MaxTake = 500;

    /// <summary>
    /// Most rows a list sorted and filtered on the host reads (the newest, or the best-fitting for an
    /// inbox): every request costs the same however long the list has grown.
    /// </summary>
    public const int ListWindow = 2_000;

    /// <summary>The response header that carries a paged list's total.</summary>
    public const string TotalHeader = "X-Total-Count";
}
