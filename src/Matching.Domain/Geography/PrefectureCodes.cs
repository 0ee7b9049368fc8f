namespace Matching.Domain.Geography;

/// <summary>Prefectures by adcode: a county-level code's first four digits are its prefecture's (GB/T 2260).</summary>
public static class PrefectureCodes
{
    /// <summary>The prefecture adcode of a six-digit county adcode (370811 → 370800).</summary>
    public static string Of(string countyAdcode) => countyAdcode[..4] + "00";
}
