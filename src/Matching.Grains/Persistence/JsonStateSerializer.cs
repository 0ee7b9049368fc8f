using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Matching.Domain;
using Orleans.Storage;

namespace Matching.Grains.Persistence;

/// <summary>
/// Stored grain state is System.Text.Json in <see cref="MatchingJson"/>'s shape, chosen deliberately
/// over Orleans' binary format: rows stay readable to operators and SQL, the document names no .NET
/// types (renaming a class or namespace never orphans stored state), and added members simply default.
/// </summary>
/// <remarks>
/// Chinese text is written as UTF-8, not as <c>\uXXXX</c> escapes (<see cref="MatchingJson.Options"/>'
/// default encoder): a project's row is mostly its bids' Chinese commitments and notes, and escaping each
/// character made the row about twice as long and its every write slower. Rows written escaped, as every
/// row before this was, read the same (JSON's escapes are the same text).
/// </remarks>
public sealed class JsonStateSerializer : IGrainStorageSerializer
{
    /// <summary>The one shape, writing every letter as itself (HTML-sensitive characters and controls stay escaped).</summary>
    internal static JsonSerializerOptions Options { get; } = Create();

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    /// <inheritdoc />
    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
        ?? throw new JsonException($"Stored state of type {typeof(T).Name} is null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(MatchingJson.Options) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
        options.MakeReadOnly();
        return options;
    }
}
