namespace Matching.Domain.Projects;

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters whose last one is a
/// check character over the first 17. Checking it catches typos before an investor is mis-identified.
/// </summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>True when the code has the right shape and check character.</summary>
    public static bool IsValid(string? code)
    {
        if (code is null || code.Length != 18) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(code[i]);
            if (value < 0) return false;
            sum += value * Weights[i];
        }

        var check = (31 - sum % 31) % 31;
        return code[17] == Alphabet[check];
    }

    /// <summary>Completes 17 characters with their check character (for tests and sample data).</summary>
    public static string WithCheck(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        return first17 + Alphabet[(31 - sum % 31) % 31];
    }
}
