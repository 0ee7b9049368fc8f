namespace Matching.Host.Apis;

/// <summary>
/// The one paging convention of list endpoints: <c>skip</c> and <c>take</c> query parameters, and the
/// list's total in the <c>X-Total-Count</c> response header where the body is a plain array.
/// </summary>
internal static class Paging
{
    public const int DefaultTake = 200, MaxTake = 500, MaxSkip = 100_000;

    /// <summary>
    /// Most rows a list sorted and filtered on the host reads (the newest, or the best-fitting for an
    /// inbox): every request costs the same however long the list has grown.
    /// </summary>
    public const int ListWindow = 2_000;

    /// <summary>The response header that carries a paged list's total.</summary>
    public const string TotalHeader = "X-Total-Count";

    /// <summary>The 400 to answer for out-of-range paging, or null.</summary>
    public static IResult? Invalid(int? skip, int? take)
    {
        var errors = new Dictionary<string, string[]>();
        if (skip is < 0 or > MaxSkip) errors["skip"] = [$"须在 0 到 {MaxSkip} 之间。"];
        if (take is < 1 or > MaxTake) errors["take"] = [$"须在 1 到 {MaxTake} 之间。"];
        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, title: "分页参数无效");
    }
}
