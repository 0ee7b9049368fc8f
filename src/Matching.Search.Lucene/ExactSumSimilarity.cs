using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Matching.Search.Lucene;

/// <summary>
/// Lucene's default TF-IDF with query normalization switched off. Industry relevance is built from
/// constant-score clauses whose boosts must come back as a plain sum (see <see cref="IndustryTokens"/>),
/// and queryNorm would scale them by 1/sqrt(sum of squared boosts). Text ranking is unaffected: queryNorm
/// is one factor shared by every hit of a query, so it never changes an order.
/// </summary>
internal sealed class ExactSumSimilarity : DefaultSimilarity
{
    public static readonly ExactSumSimilarity Instance = new();

    public override float QueryNorm(float sumOfSquaredWeights) => 1f;
}

/// <summary>Gives every searcher the <see cref="ExactSumSimilarity"/>, after warming its reader.</summary>
internal sealed class ExactSumSearcherFactory(Action<IndexReader>? warm) : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader)
    {
        warm?.Invoke(reader);
        return new IndexSearcher(reader) { Similarity = ExactSumSimilarity.Instance };
    }
}
