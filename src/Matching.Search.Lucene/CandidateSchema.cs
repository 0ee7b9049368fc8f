using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Matching.Search.Lucene;

/// <summary>The candidates index: field names, and how a <see cref="CandidateDocument"/> becomes a Lucene document.</summary>
internal static class CandidateSchema
{
    /// <summary>Keyword (update by term), stored, and sorted doc values (tie-breaker).</summary>
    public const string Adcode = "adcode";
    /// <summary>Keyword, multi-valued: the county's expanded industry tokens.</summary>
    public const string Industry = "industry";
    public const string Land = "land";
    public const string Energy = "energy";
    /// <summary>Stored only, so that the index can be inspected.</summary>
    public const string Name = "name";
    /// <summary>Keyword, stored.</summary>
    public const string Prefecture = "prefecture";

    // 136 counties: reusing field instances would buy nothing here.
    public static Document Build(CandidateDocument candidate)
    {
        var document = new Document
        {
            new StringField(Adcode, candidate.Adcode, Field.Store.YES),
            new SortedDocValuesField(Adcode, new BytesRef(candidate.Adcode)),
            new StoredField(Name, candidate.Name),
            new StringField(Prefecture, candidate.PrefectureAdcode, Field.Store.YES),
            new DoubleField(Land, (double)candidate.MaxParkLandMu, Field.Store.NO),
            new DoubleField(Energy, (double)candidate.EnergyQuotaTce, Field.Store.NO),
        };
        foreach (var token in candidate.IndustryTokens.Distinct(StringComparer.Ordinal))
        {
            document.Add(new StringField(Industry, token, Field.Store.NO));
        }

        return document;
    }
}
