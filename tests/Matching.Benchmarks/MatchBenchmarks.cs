using BenchmarkDotNet.Attributes;
using Matching.Domain.Fit;
using Matching.Domain.Projects;
using Matching.Engine;
using Matching.Search.Lucene;
using Matching.Seeds;

namespace Matching.Benchmarks;

/// <summary>BenchmarkDotNet: one match (retrieval + re-ranking + explaining the top 20) at both scales.</summary>
[MemoryDiagnoser]
public class MatchBenchmarks
{
    private readonly Driver.Folder _folder = new();
    private LuceneSearchEngine _engine = null!;
    private ProjectMatcher _matcher = null!;
    private ProjectDetails[] _projects = null!;
    private int _next;

    [Params("Shandong", "National")]
    public string Scale { get; set; } = "Shandong";

    [GlobalSetup]
    public async Task Setup()
    {
        var seeds = ShandongSeeds.Load(ShandongSeeds.DefaultPath);
        var model = new FitModel(new MatchWeights(), seeds.Chains, seeds.Province.Industries, seeds.ChemicalParks);
        var synthetic = new SyntheticCountry(seeds.Province.Industries);
        var candidates = Scale == "Shandong" ? Driver.Shandong(seeds) : synthetic.Candidates(2844, 12_000);
        _engine = Driver.Engine(_folder.Path);
        (_matcher, var generator) = await Driver.Matcher(_engine, model, candidates, seeds);
        _projects = Enumerable.Range(0, 256).Select(_ => generator.Project(candidates)).ToArray();
    }

    [Benchmark]
    public Task<MatchResult> Match() => _matcher.MatchAsync(_projects[_next++ & 255], 20);

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        _folder.Dispose();
    }
}
