using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matching.Domain;

/// <summary>
/// The one JSON shape of domain types: camelCase members and enums as camelCase names (one declared name, never a list or a number). Used for
/// stored grain state (readable, and not broken by reordering enum members), for domain types crossing
/// grains, and by the HTTP API, so that what is stored, sent and served agree.
/// </summary>
public static class MatchingJson
{
    /// <summary>Applies the shape to existing options (e.g. ASP.NET Core's).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        // Declared names only: a list ("midstream,downstream") or a number is an error naming the field.
        options.Converters.Add(new DeclaredNameEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    /// <summary>Frozen options with the shape.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
