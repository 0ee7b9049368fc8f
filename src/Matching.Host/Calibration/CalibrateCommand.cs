using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Projects;
using Matching.Seeds;

namespace Matching.Host.Calibration;

/// <summary>
/// <c>calibrate &lt;labelled.csv&gt;</c>: fits the fit model's weights to a labelled file of projects and the
/// counties they went to (<see cref="WeightCalibration"/>), on the seeded county profiles and evidence, and
/// prints the changed weights as configuration (<c>{"Matching":{"Weights":{…}}}</c>) for appsettings or the
/// environment. Nothing is stored: weights stay configuration.
/// </summary>
/// <remarks>
/// The file is UTF-8 CSV with a header: <c>industry_code,county_adcode</c> and optionally
/// <c>investment</c> (万元, default 100,000), <c>land_mu</c> (default 0), <c>first_contact</c> (an adcode).
/// The configuration in force (<c>--Matching:Weights:…</c>, appsettings) is the starting point.
/// </remarks>
public static class CalibrateCommand
{
    /// <summary>Runs the command; 0 on success, 2 for a bad file (each bad line said on <paramref name="output"/>).</summary>
    public static int Run(string[] args, TextWriter output)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            output.WriteLine("usage: calibrate <labelled.csv> [--Matching:Weights:Name=value …] [--Seeds:Path=…]");
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Skip(2).ToArray())
            .Build();
        var start = configuration.GetSection("Matching:Weights").Get<MatchWeights>() ?? new MatchWeights();
        var seeds = ShandongSeeds.Load(configuration["Seeds:Path"] ?? ShandongSeeds.DefaultPath);

        if (!File.Exists(args[1]))
        {
            output.WriteLine($"calibrate: 找不到文件 {args[1]}");
            return 2;
        }

        var (cases, errors) = Read(args[1], seeds);
        foreach (var error in errors) output.WriteLine(error);
        if (errors.Count > 0 || cases.Count == 0)
        {
            if (cases.Count == 0 && errors.Count == 0) output.WriteLine("calibrate: 文件中没有标注的项目。");
            return 2;
        }

        var snapshot = new MatchingSnapshot(seeds.InitialCandidates(DateTimeOffset.UnixEpoch), []);
        var result = WeightCalibration.Fit(cases, snapshot, start, w => new FitModel(w, seeds.Chains, seeds.Province.Industries, seeds.ChemicalParks));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {cases.Count} labelled projects; MRR {result.Before.Mrr:0.000} -> {result.After.Mrr:0.000}, hit@10 {result.Before.HitAt10:P1} -> {result.After.HitAt10:P1}; {result.Rounds} round(s) of coordinate ascent (in-sample: check on projects it was not fitted to)"));
        var weights = new JsonObject();
        foreach (var (name, value) in result.Changed) weights[name] = value;
        output.WriteLine(new JsonObject { ["Matching"] = new JsonObject { ["Weights"] = weights } }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static (List<LabelledCase> Cases, List<string> Errors) Read(string path, ShandongSeeds seeds)
    {
        var cases = new List<LabelledCase>();
        var errors = new List<string>();
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) return (cases, ["calibrate: 文件为空。"]);
        var header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        int Column(string name) => Array.IndexOf(header, name);
        var (code, county, investment, land, first) = (Column("industry_code"), Column("county_adcode"), Column("investment"), Column("land_mu"), Column("first_contact"));
        if (code < 0 || county < 0) return (cases, ["calibrate: 第 1 行须有列 industry_code 和 county_adcode。"]);

        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var f = lines[i].Split(',').Select(x => x.Trim()).ToArray();
            string? At(int c) => c >= 0 && c < f.Length && f[c].Length > 0 ? f[c] : null;
            var line = i + 1;
            if (!IndustryCode.TryParse(At(code), out var industry) || industry.Level != IndustryLevel.Class || !seeds.Province.Industries.Contains(industry))
            {
                errors.Add($"第 {line} 行 industry_code：“{At(code)}”不是 GB/T 4754-2017 的行业小类代码。");
                continue;
            }

            if (!seeds.Province.HasCounty(At(county)))
            {
                errors.Add($"第 {line} 行 county_adcode：“{At(county)}”不是山东省的县级行政区代码。");
                continue;
            }

            if (!Amount(At(investment), 100_000, out var money) || !Amount(At(land), 0, out var mu))
            {
                errors.Add($"第 {line} 行 investment / land_mu：须为非负数。");
                continue;
            }

            var contact = At(first);
            if (contact is not null && !seeds.Province.HasCounty(contact))
            {
                errors.Add($"第 {line} 行 first_contact：“{contact}”不是山东省的县级行政区代码。");
                continue;
            }

            cases.Add(new LabelledCase(new ProjectDetails(
                "标注项目", string.Empty, industry, null, null, money, mu, 0, 0, 0, false, false,
                new Investor("标注", null, InvestorKind.Private), contact, null), At(county)!));
        }

        return (cases, errors);
    }

    private static bool Amount(string? text, decimal fallback, out decimal value)
    {
        if (text is null) { value = fallback; return true; }
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out value) && value >= 0;
    }
}
