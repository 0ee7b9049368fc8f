using Matching.Domain.Projects;
using System.Text.Json;

namespace Matching.Host.Lists;

/// <summary>
/// The query string every list endpoint shares: <c>sort</c> (a column key), <c>order</c>
/// (<c>asc</c>/<c>desc</c>), <c>q</c> (text filter), <c>status</c> (project statuses, comma-separated),
/// <c>skip</c>/<c>take</c> (the page) and <c>format</c> (<c>xlsx</c> for the whole filtered list as a
/// spreadsheet, same columns and filters as the screen).
/// </summary>
public sealed class ListQuery
{
    /// <summary>Largest page.</summary>
    public const int MaxTake = 500;

    /// <summary>Page size when none is asked for.</summary>
    public const int DefaultTake = MaxTake;

    /// <summary>Column key to sort by; the list's default when absent.</summary>
    public string? Sort { get; init; }

    /// <summary><c>asc</c> or <c>desc</c>.</summary>
    public string? Order { get; init; }

    /// <summary>Text the row must contain (title, industry, county names).</summary>
    public string? Q { get; init; }

    /// <summary>Project statuses to keep, comma-separated (e.g. <c>open,contested</c>).</summary>
    public string? Status { get; init; }

    /// <summary>Rows to skip.</summary>
    public int? Skip { get; init; }

    /// <summary>Rows to return (1–500, default 500).</summary>
    public int? Take { get; init; }

    /// <summary><c>json</c> (default) or <c>xlsx</c>.</summary>
    public string? Format { get; init; }

    /// <summary>True when the caller asked for the spreadsheet.</summary>
    public bool WantsXlsx => string.Equals(Format, "xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for descending order.</summary>
    public bool Descending => string.Equals(Order, "desc", StringComparison.OrdinalIgnoreCase);

    /// <summary>The statuses asked for, or null for all. Call after <see cref="Validate"/>.</summary>
    public IReadOnlySet<ProjectStatus>? Statuses => string.IsNullOrWhiteSpace(Status)
        ? null
        : Status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.Parse<ProjectStatus>(s, ignoreCase: true)).ToHashSet();

    /// <summary>Field errors (in Chinese) for the parameters, given the columns that may be sorted on.</summary>
    public Dictionary<string, string[]> Validate(IEnumerable<string> sortable)
    {
        var errors = new Dictionary<string, string[]>();
        var keys = sortable.ToArray();
        if (Sort is not null && !keys.Contains(Sort, StringComparer.Ordinal))
            errors["sort"] = [$"“{Sort}”不是可排序的列（可用：{string.Join("、", keys)}）。"];
        if (Order is not null && Order is not ("asc" or "desc"))
            errors["order"] = ["须为 asc（升序）或 desc（降序）。"];
        if (Q is { Length: > 200 }) errors["q"] = ["不能超过 200 个字符。"];
        if (Status is not null)
        {
            var bad = Status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(s => !Enum.TryParse<ProjectStatus>(s, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(s, out _))
                .ToArray();
            if (bad.Length > 0)
                errors["status"] = [$"“{string.Join(",", bad)}”不是项目状态（{string.Join("、", Enum.GetNames<ProjectStatus>().Select(JsonNamingPolicy.CamelCase.ConvertName))}）。"];
        }

        if (Skip is < 0 or > 100_000) errors["skip"] = ["须在 0 到 100000 之间。"];
        if (Take is < 1 or > MaxTake) errors["take"] = [$"须在 1 到 {MaxTake} 之间。"];
        if (Format is not null && Format is not ("json" or "xlsx")) errors["format"] = ["须为 json 或 xlsx。"];
        return errors;
    }
}
