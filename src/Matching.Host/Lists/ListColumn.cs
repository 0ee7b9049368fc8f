namespace Matching.Host.Lists;

/// <summary>
/// One column of a list, as the screen and the spreadsheet show it: the key <c>sort</c> names, the
/// Chinese header, the value it sorts by and the value written to the spreadsheet (a display text
/// such as a county's name where the sort value is a code).
/// </summary>
/// <typeparam name="T">The row.</typeparam>
public sealed record ListColumn<T>(string Key, string Header, Func<T, object?> Value, Func<T, object?>? Cell = null)
{
    /// <summary>The spreadsheet cell.</summary>
    public object? CellOf(T row) => Cell is null ? Value(row) : Cell(row);
}

/// <summary>
/// A list's columns, its default order, and what its text filter and status filter look at.
/// </summary>
/// <typeparam name="T">The row.</typeparam>
public sealed record ListShape<T>(
    string Name, IReadOnlyList<ListColumn<T>> Columns, string DefaultSort, bool DefaultDescending,
    Func<T, IEnumerable<string?>> Text, Func<T, Domain.Projects.ProjectStatus>? Status = null);
