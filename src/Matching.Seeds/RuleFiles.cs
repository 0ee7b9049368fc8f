namespace Matching.Seeds;

/// <summary>
/// Reads a versioned rule file of a seed folder (<c>seeds/rules/…</c>): the one loader of the fair-competition
/// and escalation rules. Rule files are not part of the seed fingerprint: a new version never reseeds
/// counties or parks.
/// </summary>
public static class RuleFiles
{
    /// <summary>Reads and parses the file at <paramref name="relativePath"/> inside <paramref name="seedRoot"/>.</summary>
    /// <param name="seedRoot">A seed folder laid out as the repository's <c>seeds/</c>.</param>
    /// <param name="relativePath">The file's path inside it (<c>rules/escalation.json</c>).</param>
    /// <param name="parse">The rule set's parser, which refuses a set that cannot be applied.</param>
    /// <exception cref="InvalidDataException">The parser's refusal, naming the file.</exception>
    public static T Load<T>(string seedRoot, string relativePath, Func<string, T> parse)
    {
        var path = Path.Combine(seedRoot, relativePath);
        try
        {
            return parse(File.ReadAllText(path));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"seeds/{relativePath}: {e.Message}", e);
        }
    }
}
