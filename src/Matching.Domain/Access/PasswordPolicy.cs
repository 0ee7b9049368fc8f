using Matching.Domain.Validation;

namespace Matching.Domain.Access;

/// <summary>
/// What a password set by an administrator must be: 12 to 128 characters, at least three kinds of
/// character (lower-case, upper-case, digits, others), without the user name in it and without
/// control characters. Sign-in itself accepts any password up to its limit; this rule is for new ones.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12, MaxLength = 128, MinKinds = 3;

    /// <summary>Adds the password's problems under <paramref name="field"/>.</summary>
    public static void Check(string? password, string? userName, string field, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "必填，不能为空。");
            return;
        }

        if (password.Length is < MinLength or > MaxLength)
            errors.Add(field, $"密码长度须在 {MinLength} 到 {MaxLength} 个字符之间（现为 {password.Length} 个）。");
        else if (TextInput.HasControl(password))
            errors.Add(field, "密码不能包含控制字符、换行或制表符。");
        else if (Kinds(password) < MinKinds)
            errors.Add(field, "密码须包含小写字母、大写字母、数字、其他符号中的至少三类。");
        else if (!string.IsNullOrEmpty(userName) && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            errors.Add(field, "密码不能包含用户名。");
    }

    private static int Kinds(string password) =>
        (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsDigit) ? 1 : 0) +
        (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
}
