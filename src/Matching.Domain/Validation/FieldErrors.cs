namespace Matching.Domain.Validation;

/// <summary>
/// Field-level validation messages keyed by the JSON path of the field (camelCase, e.g.
/// <c>investor.creditCode</c>). Messages are in Chinese because they are shown to officials as written.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no field has an error.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Adds a message for a field.</summary>
    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>A submitted value as a message quotes it: at most 40 characters, control characters shown as �.</summary>
    public static string Quote(string? value)
    {
        if (value is null) return string.Empty;
        var shown = value.Length > 40 ? value[..40] + "…" : value;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '\uFFFD' : c));
    }

    /// <summary>The messages in the shape ProblemDetails' <c>errors</c> member expects.</summary>
    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() =>
        string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}

/// <summary>Thrown by domain operations given input that fails validation.</summary>
public sealed class DomainValidationException(FieldErrors errors)
    : Exception($"Validation failed: {errors}")
{
    /// <summary>The failing fields.</summary>
    public FieldErrors Errors { get; } = errors;
}
