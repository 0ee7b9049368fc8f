using System.Globalization;
using System.Security.Cryptography;
using CsvHelper;
using CsvHelper.Configuration;

namespace Matching.Seeds;

/// <summary>The seed folder and the files read from it, with a fingerprint of their bytes.</summary>
internal sealed class SeedFiles(string root)
{
    private readonly List<string> _read = [];

    public string Root { get; } = root;

    public string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>Rows of a UTF-8 CSV with a header, as header→value lookups.</summary>
    public IEnumerable<IReadOnlyDictionary<string, string>> Rows(string relative)
    {
        var path = PathOf(relative);
        _read.Add(relative);
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? throw new InvalidDataException($"{relative} has no header row.");
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) row[header[i]] = csv.GetField(i) ?? string.Empty;
            yield return row;
        }
    }

    public string ReadText(string relative)
    {
        _read.Add(relative);
        return File.ReadAllText(PathOf(relative));
    }

    /// <summary>SHA-256 over every file read, in order: equal fingerprints mean the same seeds.</summary>
    public string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var relative in _read.Distinct())
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(relative));
            hash.AppendData(File.ReadAllBytes(PathOf(relative)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
