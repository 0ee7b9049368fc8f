using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Lists;

/// <summary>
/// Applies a <see cref="ListQuery"/> to rows: filter by text and status, sort, then either one page as
/// JSON (the filtered total in <c>X-Total-Count</c>) or every filtered row as an .xlsx file.
/// </summary>
public static class ListResults
{
    /// <summary>The response header with the number of rows after filtering, before paging.</summary>
    public const string TotalHeader = "X-Total-Count";

    // Chinese text sorts by pinyin, as people expect a list of names to be ordered.
    private static readonly StringComparer Chinese = StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), ignoreCase: true);

    /// <summary>Field errors for the query against the list's columns; empty when valid.</summary>
    public static Dictionary<string, string[]> Validate<T>(ListQuery query, ListShape<T> shape) =>
        query.Validate(shape.Columns.Select(c => c.Key));

    /// <summary>The page (or the spreadsheet) of <paramref name="rows"/>; a 400 naming the field for bad parameters.</summary>
    public static ListPage<T> Respond<T>(HttpContext http, ListQuery query, ListShape<T> shape, IEnumerable<T> rows)
    {
        var errors = Validate(query, shape);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "列表参数无效");

        var filtered = Apply(query, shape, rows);
        if (query.WantsXlsx) return XlsxExport.File(shape, filtered);

        http.Response.Headers[TotalHeader] = filtered.Count.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.AccessControlExposeHeaders = TotalHeader;
        return TypedResults.Ok(filtered.Skip(query.Skip ?? 0).Take(query.Take ?? ListQuery.DefaultTake).ToArray());
    }

    /// <summary>
    /// As <see cref="Respond{T}"/>, for rows that are costly to build: filtered and sorted on their source
    /// (<paramref name="order"/> has the same column keys, values and text as <paramref name="shape"/>), and only
    /// the page asked for (or, for the spreadsheet, every filtered row) built by <paramref name="map"/>.
    /// </summary>
    public static ListPage<T> Respond<TSource, T>(HttpContext http, ListQuery query, ListShape<TSource> order, ListShape<T> shape, IEnumerable<TSource> rows, Func<TSource, T> map)
    {
        var errors = Validate(query, shape);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "列表参数无效");

        var filtered = Apply(query, order, rows);
        if (query.WantsXlsx) return XlsxExport.File(shape, [.. filtered.Select(map)]);

        http.Response.Headers[TotalHeader] = filtered.Count.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.AccessControlExposeHeaders = TotalHeader;
        return TypedResults.Ok(filtered.Skip(query.Skip ?? 0).Take(query.Take ?? ListQuery.DefaultTake).Select(map).ToArray());
    }

    /// <summary>A page its source filtered, sorted and paged itself, with the filtered total in <c>X-Total-Count</c>.</summary>
    public static ListPage<T> Page<T>(HttpContext http, IReadOnlyList<T> rows, long total)
    {
        http.Response.Headers[TotalHeader] = total.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.AccessControlExposeHeaders = TotalHeader;
        return TypedResults.Ok(rows.ToArray());
    }

    /// <summary>Filtered and sorted, not paged.</summary>
    public static IReadOnlyList<T> Apply<T>(ListQuery query, ListShape<T> shape, IEnumerable<T> rows)
    {
        var text = query.Q?.Trim();
        var statuses = query.Statuses;
        var kept = rows.Where(r =>
            (statuses is null || shape.Status is null || statuses.Contains(shape.Status(r))) &&
            (string.IsNullOrEmpty(text) || shape.Text(r).Any(t => t is not null && t.Contains(text, StringComparison.OrdinalIgnoreCase))));

        var column = shape.Columns.First(c => c.Key == (query.Sort ?? shape.DefaultSort));
        var descending = query.Order is null && query.Sort is null ? shape.DefaultDescending : query.Descending;
        var comparer = Comparer<object?>.Create(Compare);
        // Stable: rows equal on the column keep the list's natural order.
        return (descending ? kept.OrderByDescending(column.Value, comparer) : kept.OrderBy(column.Value, comparer)).ToArray();
    }

    /// <summary>Empty values last in ascending order; strings by pinyin; everything else by its own order.</summary>
    private static int Compare(object? a, object? b)
    {
        if (a is null) return b is null ? 0 : 1;
        if (b is null) return -1;
        if (a is string sa && b is string sb) return Chinese.Compare(sa, sb);
        if (a is IComparable ca && a.GetType() == b.GetType()) return ca.CompareTo(b);
        return Chinese.Compare(a.ToString(), b.ToString());
    }
}
