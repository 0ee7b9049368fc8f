using Matching.Search.Contract;

namespace Matching.Search.Lucene.Tests;

/// <summary>The engine contract on Lucene: each test gets an engine over a fresh folder of its own.</summary>
public sealed class LuceneSearchEngineTests : SearchEngineContract, IDisposable
{
    private readonly EngineFolder _folder = new();

    protected override async Task<ISearchEngine> CreateEngineAsync() => await _folder.OpenAsync();

    public void Dispose() => _folder.Dispose();
}
