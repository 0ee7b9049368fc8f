using System.Text.Json;
using Matching.Domain;
using Orleans.Storage;

namespace Matching.Grains.Persistence;

/// <summary>
/// Stored grain state is System.Text.Json in <see cref="MatchingJson"/>'s shape, chosen deliberately
/// over Orleans' binary format: rows stay readable to operators and SQL, the document names no .NET
/// types (renaming a class or namespace never orphans stored state), and added members simply default.
/// </summary>
public sealed class JsonStateSerializer : IGrainStorageSerializer
{
    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, MatchingJson.Options));

    /// <inheritdoc />
    public T Deserialize<T>(BinaryData input) =>
        input.ToObjectFromJson<T>(MatchingJson.Options)
        ?? throw new JsonException($"Stored state of type {typeof(T).Name} is null.");
}
