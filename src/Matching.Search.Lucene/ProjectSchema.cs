using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Search.Lucene;

/// <summary>The projects index: field names, and how a <see cref="ProjectDocument"/> becomes a Lucene document.</summary>
internal static class ProjectSchema
{
    /// <summary>Keyword (delete/update by term), stored, and sorted doc values (tie-breaker).</summary>
    public const string Id = "id";
    /// <summary>Stored only; the full text lives in <see cref="Text"/>.</summary>
    public const string Title = "title";
    /// <summary>Stored only.</summary>
    public const string IndustryCode = "industryCode";
    /// <summary>Keyword, multi-valued: the class and its ancestors (<see cref="IndustryTokens.Expand(Domain.Industries.IndustryCode)"/>).</summary>
    public const string Industry = "industry";
    /// <summary>Sorted doc values: the 2-digit division, for the facet.</summary>
    public const string Division = "division";
    /// <summary>Keyword, stored, and sorted doc values (facet).</summary>
    public const string Status = "status";
    /// <summary>Keyword, multi-valued: the first-contact county and every fit county.</summary>
    public const string County = "county";
    public const string Land = "land";
    public const string Energy = "energy";
    /// <summary>Keyword <see cref="True"/> or <see cref="False"/>.</summary>
    public const string HighEnergy = "highEnergy";
    /// <summary>Numeric doc values: UTC ticks, for sorting.</summary>
    public const string UpdatedAt = "updatedAt";

    public const string True = "true";
    public const string False = "false";

    // Title outweighs everything else so that a title match ranks above a description-only one even when
    // the description repeats the term; what the officer typed as the industry is next most telling.
    public static readonly IReadOnlyList<FullTextField> Text =
    [
        new("title", 4f),
        new("industryText", 2f),
        new("industryName", 1.5f),
        new("description", 1f),
    ];

    public static string IdOf(Guid id) => id.ToString("D");

    public static string StatusOf(ProjectStatus status) => StatusNames[(int)status];

    private static readonly string[] StatusNames = [.. Enum.GetValues<ProjectStatus>().Select(s => s.ToString())];

    /// <summary>
    /// Builds Lucene documents from one reused set of field instances. Lucene consumes a document
    /// completely inside AddDocument/UpdateDocument, so a thread may refill the same instances for its
    /// next document; this keeps bulk indexing from allocating two dozen fields per project.
    /// </summary>
    public sealed class Builder
    {
        [ThreadStatic]
        private static Builder? t_current;

        private static readonly FieldType AnalyzedText = Freeze(new FieldType(TextField.TYPE_NOT_STORED)
        {
            // Queries are term-based (no phrases), so positions would only cost index size and time.
            IndexOptions = IndexOptions.DOCS_AND_FREQS,
        });

        private readonly Document _document = new();
        private readonly StringField _id = new(Id, string.Empty, Field.Store.YES);
        private readonly SortedDocValuesField _idOrder = new(Id, new BytesRef());
        private readonly StoredField _title = new(Title, string.Empty);
        private readonly StoredField _industryCode = new(IndustryCode, string.Empty);
        private readonly SortedDocValuesField _division = new(Division, new BytesRef());
        private readonly StringField _status = new(Status, string.Empty, Field.Store.YES);
        private readonly SortedDocValuesField _statusFacet = new(Status, new BytesRef());
        private readonly DoubleField _land = new(Land, 0d, Field.Store.NO);
        private readonly DoubleField _energy = new(Energy, 0d, Field.Store.NO);
        private readonly StringField _highEnergy = new(HighEnergy, False, Field.Store.NO);
        private readonly NumericDocValuesField _updatedAt = new(UpdatedAt, 0L);
        private readonly (Field Words, Field Bigrams)[] _text = [.. Text.Select(f => (new Field(f.Words, string.Empty, AnalyzedText), new Field(f.Bigrams, string.Empty, AnalyzedText)))];
        private readonly List<StringField> _industries = [];
        private readonly List<StringField> _counties = [];
        private readonly HashSet<string> _seenCounties = new(StringComparer.Ordinal);

        public static Builder ForCurrentThread => t_current ??= new Builder();

        public Document Build(ProjectDocument project)
        {
            if (!Domain.Industries.IndustryCode.TryParse(project.IndustryCode, out var industry))
            {
                throw new ArgumentException($"Project {project.Id} has '{project.IndustryCode}', which is not a GB/T 4754 code.", nameof(project));
            }

            var fields = _document.Fields;
            fields.Clear();

            var id = IdOf(project.Id);
            _id.SetStringValue(id);
            _idOrder.SetBytesValue(new BytesRef(id));
            _title.SetStringValue(project.Title);
            _industryCode.SetStringValue(industry.Value);
            var status = StatusOf(project.Status);
            _status.SetStringValue(status);
            _statusFacet.SetBytesValue(new BytesRef(status));
            _land.SetDoubleValue((double)project.LandMu);
            _energy.SetDoubleValue((double)project.EnergyTce);
            _highEnergy.SetStringValue(project.HighEnergy ? True : False);
            _updatedAt.SetInt64Value(project.UpdatedAt.UtcTicks);
            fields.Add(_id);
            fields.Add(_idOrder);
            fields.Add(_title);
            fields.Add(_industryCode);
            fields.Add(_status);
            fields.Add(_statusFacet);
            fields.Add(_land);
            fields.Add(_energy);
            fields.Add(_highEnergy);
            fields.Add(_updatedAt);
            if (industry.Division is { } division)
            {
                _division.SetBytesValue(new BytesRef(division));
                fields.Add(_division);
            }

            var values = (ReadOnlySpan<string?>)[project.Title, project.IndustryText, project.IndustryName, project.Description];
            for (var i = 0; i < _text.Length; i++)
            {
                var value = values[i] ?? string.Empty;
                _text[i].Words.SetStringValue(value);
                _text[i].Bigrams.SetStringValue(value);
                fields.Add(_text[i].Words);
                fields.Add(_text[i].Bigrams);
            }

            var tokens = 0;
            foreach (var token in IndustryTokens.Expand(industry)) AddKeyword(_industries, tokens++, Industry, token.Value);

            _seenCounties.Clear();
            var counties = 0;
            if (!string.IsNullOrEmpty(project.FirstContactCounty) && _seenCounties.Add(project.FirstContactCounty))
            {
                AddKeyword(_counties, counties++, County, project.FirstContactCounty);
            }

            foreach (var county in project.FitCounties)
            {
                if (!string.IsNullOrEmpty(county) && _seenCounties.Add(county)) AddKeyword(_counties, counties++, County, county);
            }

            return _document;
        }

        private void AddKeyword(List<StringField> pool, int index, string name, string value)
        {
            if (index == pool.Count) pool.Add(new StringField(name, string.Empty, Field.Store.NO));
            var field = pool[index];
            field.SetStringValue(value);
            _document.Fields.Add(field);
        }

        private static FieldType Freeze(FieldType type)
        {
            type.Freeze();
            return type;
        }
    }
}
