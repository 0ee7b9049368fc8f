namespace Matching.Domain.Validation;

/// <summary>
/// The one check of submitted text: trimmed, within its length, and free of control characters. A title
/// of a single NUL, an escape sequence in a name or a line break in a one-line field would otherwise be
/// stored and shown to every official (and a bidirectional override can make text read other than it is).
/// </summary>
public static class TextInput
{
    /// <summary>Trims the value and adds the field's errors; returns the trimmed text (empty when missing).</summary>
    /// <param name="value">As submitted.</param>
    /// <param name="field">JSON path of the field, for the error.</param>
    /// <param name="max">Longest accepted length after trimming.</param>
    /// <param name="errors">Where problems go.</param>
    /// <param name="required">Whether an empty value is an error.</param>
    /// <param name="multiline">Whether line breaks and tabs are allowed (descriptions, notes).</param>
    public static string Check(string? value, string field, int max, FieldErrors errors, bool required = false, bool multiline = false)
    {
        var text = value?.Trim() ?? string.Empty;
        if (required && text.Length == 0) errors.Add(field, "必填，不能为空。");
        if (text.Length > max) errors.Add(field, $"长度不能超过 {max} 个字符（现为 {text.Length} 个）。");
        else if (HasControl(text, multiline))
            errors.Add(field, multiline ? "不能包含控制字符（换行和制表符除外）。" : "不能包含控制字符、换行或制表符。");
        return text;
    }

    /// <summary>True when the text holds a C0/C1 control or a bidirectional override (line breaks and tabs allowed when multi-line).</summary>
    public static bool HasControl(string text, bool multiline = false)
    {
        foreach (var c in text)
        {
            if (multiline && c is '\n' or '\r' or '\t') continue;
            if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u2028' or '\u2029') return true;
        }

        return false;
    }
}
