using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Search.Lucene;

/// <summary>The projects index: field names, and how a <see cref="ProjectDocument"/> becomes a Lucene document.</summary>
internal static class ProjectSchema
{
    /// <summary>Keyword (delete/update by term) and stored.</summary>
    public const string Id = "id";
    /// <summary>Binary doc values: <see cref="IdKeyOf"/>, the tie-breaker of every order.</summary>
    public const string IdKey = "idKey";
    /// <summary>Stored only; the full text lives in <see cref="Text"/>.</summary>
    public const string Title = "title";
    /// <summary>Stored only.</summary>
    public const string IndustryCode = "industryCode";
    /// <summary>Keyword, multi-valued: the class and its ancestors (<see cref="IndustryTokens.Expand(Domain.Industries.IndustryCode)"/>).</summary>
    public const string Industry = "industry";
    /// <summary>Sorted doc values: the 2-digit division, for the facet.</summary>
    public const string Division = "division";
    /// <summary>Keyword and stored (filter, hits), and sorted doc values (facet, inbox filter).</summary>
    public const string Status = "status";
    /// <summary>Keyword, multi-valued: the first-contact county and every fit county.</summary>
    public const string County = "county";
    /// <summary>Numeric doc values of the double's bits; only the inbox filter reads it, from <see cref="ProjectColumns"/>.</summary>
    public const string Land = "land";
    /// <summary>As <see cref="Land"/>.</summary>
    public const string Energy = "energy";
    /// <summary>Numeric doc values, 1 for 两高.</summary>
    public const string HighEnergy = "highEnergy";
    /// <summary>Numeric doc values: UTC ticks, for sorting.</summary>
    public const string UpdatedAt = "updatedAt";
    /// <summary>Stored (hits) and sorted doc values (the per-county count): the first-contact county.</summary>
    public const string FirstContact = "firstContact";
    /// <summary>Stored (hits) and sorted-set doc values (the per-county count), multi-valued: <see cref="ProjectDocument.HostCounties"/>.</summary>
    public const string Host = "host";
    /// <summary>
    /// Settled projects only: indexed long (range filter) and numeric doc values (order), the UTC ticks of
    /// the decision in force.
    /// </summary>
    public const string SettledAt = "settledAt";
    /// <summary>Settled projects only: keyword, multi-valued, every county the decision placed it in.</summary>
    public const string SettledCounty = "settledCounty";
    /// <summary>Keyword "1" on a settled project with a landing stage overdue.</summary>
    public const string Overdue = "overdue";
    /// <summary>Stored only: <see cref="ProjectDocument.Settlement"/> as JSON (<see cref="Domain.MatchingJson"/>).</summary>
    public const string Settlement = "settlement";
    /// <summary>Contested projects only: keyword, multi-valued, every prefecture the contest concerns (a prefecture coordinator's board).</summary>
    public const string ContestPrefecture = "contestPrefecture";
    /// <summary>Stored only: <see cref="ProjectDocument.Contest"/> as JSON (<see cref="Domain.MatchingJson"/>).</summary>
    public const string Contest = "contest";
    /// <summary>Stored only: <see cref="ProjectDocument.Listing"/> as JSON (<see cref="Domain.MatchingJson"/>).</summary>
    public const string Listing = "listing";

    /// <summary>
    /// What the stored fields mean, recorded in each commit: an index written under another layout is
    /// reconciled whole at start (see <see cref="LuceneIndex.CommittedAtOpening"/>).
    /// </summary>
    public const string Layout = "projects-6";

    /// <summary>The title, which outweighs the rest so that a title match ranks above a body-only one.</summary>
    public static readonly FullTextField TitleText = new("title", 3f);

    /// <summary>
    /// Description, industry text and industry name as one multi-valued field: a query term costs one
    /// posting list per analysis instead of three, which halves the work of a text query over many matches.
    /// </summary>
    public static readonly FullTextField BodyText = new("body", 1f);

    public static readonly IReadOnlyList<FullTextField> Text = [TitleText, BodyText];

    public static string IdOf(Guid id) => id.ToString("D");

    /// <summary>
    /// The id's bytes in the order they are written (big-endian), so that comparing keys bytewise orders
    /// exactly as comparing the ids' text does — the order an engine sorting on the id keyword gives.
    /// </summary>
    public static byte[] IdKeyOf(Guid id) => id.ToByteArray(bigEndian: true);

    /// <summary>A status as indexed: its name, which (unlike its number) survives reordering the enum.</summary>
    public static string StatusOf(ProjectStatus status) => status.ToString();

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
        private readonly BinaryDocValuesField _idKey = new(IdKey, new BytesRef(new byte[16]));
        private readonly StoredField _title = new(Title, string.Empty);
        private readonly StoredField _industryCode = new(IndustryCode, string.Empty);
        private readonly SortedDocValuesField _division = new(Division, new BytesRef());
        private readonly StringField _status = new(Status, string.Empty, Field.Store.YES);
        private readonly SortedDocValuesField _statusFacet = new(Status, new BytesRef());
        private readonly NumericDocValuesField _land = new(Land, 0L);
        private readonly NumericDocValuesField _energy = new(Energy, 0L);
        private readonly NumericDocValuesField _highEnergy = new(HighEnergy, 0L);
        private readonly NumericDocValuesField _updatedAt = new(UpdatedAt, 0L);
        // Title first, then the three values of the body.
        private readonly (Field Words, Field Bigrams)[] _text = [.. new[] { TitleText, BodyText, BodyText, BodyText }.Select(f => (new Field(f.Words, string.Empty, AnalyzedText), new Field(f.Bigrams, string.Empty, AnalyzedText)))];
        // The same slots, fed replayed tokens when the caller keeps analysed texts (AnalysedTexts).
        private readonly (Field Words, ReplayedTokens WordTokens, Field Bigrams, ReplayedTokens BigramTokens)[] _replayed =
            [.. new[] { TitleText, BodyText, BodyText, BodyText }.Select(f => Replayed(f))];
        private readonly List<StringField> _industries = [];
        private readonly List<StringField> _counties = [];
        private readonly StoredField _firstContact = new(FirstContact, string.Empty);
        private readonly List<StoredField> _hosts = [];
        private readonly SortedDocValuesField _firstContactKey = new(FirstContact, new BytesRef());
        private readonly List<SortedSetDocValuesField> _hostKeys = [];
        private readonly HashSet<string> _seenCounties = new(StringComparer.Ordinal);
        private readonly Int64Field _settledAt = new(SettledAt, 0L, Field.Store.NO);
        private readonly NumericDocValuesField _settledAtOrder = new(SettledAt, 0L);
        private readonly List<StringField> _settledCounties = [];
        private readonly StringField _overdue = new(Overdue, "1", Field.Store.NO);
        private readonly StoredField _settlement = new(Settlement, string.Empty);
        private readonly List<StringField> _contestPrefectures = [];
        private readonly StoredField _contest = new(Contest, string.Empty);
        private readonly StoredField _listing = new(Listing, string.Empty);

        public static Builder ForCurrentThread => t_current ??= new Builder();

        /// <summary>
        /// The project's document, valid until this thread's next call, and its id term; with
        /// <paramref name="texts"/>, its title and body are replayed from there instead of analysed by the writer.
        /// </summary>
        public Document Build(ProjectDocument project, out Term idTerm, AnalysedTexts? texts = null)
        {
            if (!Domain.Industries.IndustryCode.TryParse(project.IndustryCode, out var industry))
            {
                throw new ArgumentException($"Project {project.Id} has '{project.IndustryCode}', which is not a GB/T 4754 code.", nameof(project));
            }

            var fields = _document.Fields;
            fields.Clear();

            var id = IdOf(project.Id);
            idTerm = new Term(Id, id);
            _id.SetStringValue(id);
            _idKey.SetBytesValue(new BytesRef(IdKeyOf(project.Id)));
            _title.SetStringValue(project.Title);
            _industryCode.SetStringValue(industry.Value);
            var status = StatusOf(project.Status);
            _status.SetStringValue(status);
            _statusFacet.SetBytesValue(new BytesRef(status));
            _land.SetInt64Value(BitConverter.DoubleToInt64Bits((double)project.LandMu));
            _energy.SetInt64Value(BitConverter.DoubleToInt64Bits((double)project.EnergyTce));
            _highEnergy.SetInt64Value(project.HighEnergy ? 1 : 0);
            _updatedAt.SetInt64Value(project.UpdatedAt.UtcTicks);
            fields.Add(_id);
            fields.Add(_idKey);
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

            var values = (ReadOnlySpan<string?>)[project.Title, project.Description, project.IndustryText, project.IndustryName];
            for (var i = 0; i < _text.Length; i++)
            {
                if (i > 0 && string.IsNullOrEmpty(values[i])) continue;
                var value = values[i] ?? string.Empty;
                if (texts is not null)
                {
                    var (words, wordTokens, bigrams, bigramTokens) = _replayed[i];
                    wordTokens.Load(texts.Of(words.Name, value));
                    bigramTokens.Load(texts.Of(bigrams.Name, value));
                    fields.Add(words);
                    fields.Add(bigrams);
                    continue;
                }

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

            if (!string.IsNullOrEmpty(project.FirstContactCounty))
            {
                _firstContact.SetStringValue(project.FirstContactCounty);
                fields.Add(_firstContact);
                _firstContactKey.SetBytesValue(new BytesRef(project.FirstContactCounty));
                fields.Add(_firstContactKey);
            }

            for (var i = 0; i < project.HostCounties.Count; i++)
            {
                if (i == _hosts.Count) _hosts.Add(new StoredField(Host, string.Empty));
                _hosts[i].SetStringValue(project.HostCounties[i]);
                fields.Add(_hosts[i]);
                if (i == _hostKeys.Count) _hostKeys.Add(new SortedSetDocValuesField(Host, new BytesRef()));
                _hostKeys[i].SetBytesValue(new BytesRef(project.HostCounties[i]));
                fields.Add(_hostKeys[i]);
            }

            if (project.Settlement is { } settlement)
            {
                _settledAt.SetInt64Value(settlement.DecidedAt.UtcTicks);
                _settledAtOrder.SetInt64Value(settlement.DecidedAt.UtcTicks);
                fields.Add(_settledAt);
                fields.Add(_settledAtOrder);
                var hosts = 0;
                foreach (var county in settlement.Hosts) AddKeyword(_settledCounties, hosts++, SettledCounty, county);
                if (settlement.Overdue is not null) fields.Add(_overdue);
                _settlement.SetStringValue(System.Text.Json.JsonSerializer.Serialize(settlement, Domain.MatchingJson.Options));
                fields.Add(_settlement);
            }

            if (project.Contest is { } contest)
            {
                var prefectures = 0;
                foreach (var prefecture in contest.Prefectures) AddKeyword(_contestPrefectures, prefectures++, ContestPrefecture, prefecture);
                _contest.SetStringValue(System.Text.Json.JsonSerializer.Serialize(contest, Domain.MatchingJson.Options));
                fields.Add(_contest);
            }

            if (project.Listing is { } listing)
            {
                _listing.SetStringValue(System.Text.Json.JsonSerializer.Serialize(listing, Domain.MatchingJson.Options));
                fields.Add(_listing);
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

        private static (Field, ReplayedTokens, Field, ReplayedTokens) Replayed(FullTextField field)
        {
            var (words, bigrams) = (new ReplayedTokens(), new ReplayedTokens());
            return (new Field(field.Words, words, AnalyzedText), words, new Field(field.Bigrams, bigrams, AnalyzedText), bigrams);
        }

        private static FieldType Freeze(FieldType type)
        {
            type.Freeze();
            return type;
        }
    }
}
