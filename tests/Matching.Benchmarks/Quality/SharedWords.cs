using Matching.Domain.Fit;
using Matching.Domain.Industries;

namespace Matching.Benchmarks.Quality;

/// <summary>
/// The naive baseline of the issue: count the county's zone 主导产业 phrases that share a two-character word with
/// the name of the project's GB/T division (generic words such as 制造 and 产业 left out). No phrasebook, no evidence.
/// </summary>
internal static class SharedWords
{
    private static readonly HashSet<string> Generic = ["制造", "造业", "产业", "行业", "其他", "和其", "他制", "及其", "用品", "加工", "工业", "设备", "生产", "服务", "务业"];

    public static double Score(IndustryCode project, Candidate county, IndustryCatalog industries)
    {
        var name = industries.Find(IndustryCode.Parse(project.Division!))?.Name ?? string.Empty;
        var words = Enumerable.Range(0, Math.Max(0, name.Length - 1)).Select(i => name.Substring(i, 2)).Where(w => !Generic.Contains(w)).ToHashSet();
        var score = 0;
        foreach (var park in county.Parks)
        foreach (var phrase in IndustryPhrasebook.Split(park.Reference.MainIndustriesText))
            if (words.Any(w => phrase.Contains(w, StringComparison.Ordinal))) score++;
        return score;
    }
}
