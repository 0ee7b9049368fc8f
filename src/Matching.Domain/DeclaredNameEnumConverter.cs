using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matching.Domain;

/// <summary>
/// Enums as their declared names only (camelCase, or the member's <see cref="JsonStringEnumMemberNameAttribute"/>).
/// System.Text.Json's own converter also reads comma-separated lists as flag combinations, so
/// <c>"upstream,downstream"</c> became a value no member has (or another member's value) instead of an
/// error; here anything but one declared name is a <see cref="JsonException"/> at the field's path.
/// </summary>
public sealed class DeclaredNameEnumConverter(JsonNamingPolicy namingPolicy) : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Names<>).MakeGenericType(typeToConvert), namingPolicy)!;

    /// <summary>The declared names of an enum as the JSON shape writes them, in declaration order.</summary>
    public static IReadOnlyList<string> NamesOf<T>(JsonNamingPolicy namingPolicy) where T : struct, Enum => new Names<T>(namingPolicy).Declared;

    /// <summary>Reads one declared name (ignoring case), as the JSON shape would; false for lists, numbers and unknown names.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum => Names<T>.CamelCase.TryRead(text, out value);

    private sealed class Names<T> : JsonConverter<T> where T : struct, Enum
    {
        public static readonly Names<T> CamelCase = new(JsonNamingPolicy.CamelCase);

        private readonly Dictionary<string, T> _values = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<T, string> _names = [];

        public Names(JsonNamingPolicy namingPolicy)
        {
            foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? namingPolicy.ConvertName(field.Name);
                var value = (T)field.GetValue(null)!;
                _values[name] = value;
                _names.TryAdd(value, name);
            }

            Declared = [.. _names.Values];
        }

        public IReadOnlyList<string> Declared { get; }

        public bool TryRead(string? text, out T value) => _values.TryGetValue(text?.Trim() ?? string.Empty, out value);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String) throw new DeclaredNameException(Declared);
            return TryRead(reader.GetString(), out var value) ? value : throw new DeclaredNameException(Declared);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Name(value));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TryRead(reader.GetString(), out var value) ? value : throw new DeclaredNameException(Declared);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(Name(value));

        private string Name(T value) =>
            _names.TryGetValue(value, out var name) ? name : throw new JsonException($"{typeof(T).Name} has no member with the value {value}.");
    }
}

/// <summary>A value that is not one of an enum's declared names; carries the names, for the message.</summary>
public sealed class DeclaredNameException(IReadOnlyList<string> allowed)
    : JsonException($"Expected one of: {string.Join(", ", allowed)}.")
{
    /// <summary>The names accepted.</summary>
    public IReadOnlyList<string> Allowed { get; } = allowed;
}
