namespace Matching.Search.Lucene.Tests;

/// <summary>A unique temporary index folder, and every engine opened on it; disposing closes them and deletes it.</summary>
public sealed class EngineFolder : IDisposable
{
    private readonly List<LuceneSearchEngine> _engines = [];

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "matching-lucene-tests", Guid.NewGuid().ToString("N"));

    public LuceneSearchOptions Options(Action<LuceneSearchOptions>? configure = null)
    {
        var options = new LuceneSearchOptions { IndexPath = Path };
        configure?.Invoke(options);
        return options;
    }

    public async Task<LuceneSearchEngine> OpenAsync(Action<LuceneSearchOptions>? configure = null)
    {
        var engine = new LuceneSearchEngine(Options(configure));
        lock (_engines) _engines.Add(engine);
        await engine.EnsureIndexesAsync(TestContext.Current.CancellationToken);
        return engine;
    }

    public void Dispose()
    {
        lock (_engines)
        {
            foreach (var engine in _engines) engine.Dispose();
        }

        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
