using Matching.Storage.Sqlite;

namespace Matching.Host.Auth;

/// <summary>
/// The embedded profile's signing keys in a file of their own (mode 0600, in the 0700 data folder):
/// one base64 key per line, the current key first, then the previous one, which still verifies.
/// <c>rotate-signing-key</c> puts a new key first and keeps the old current one as the previous.
/// </summary>
public static class SigningKeyFile
{
    /// <summary>The file's name in the data folder.</summary>
    public const string DefaultName = "signing-keys";

    /// <summary>The key file: <c>Auth:SigningKeyFile</c>, else <c>signing-keys</c> in the data folder.</summary>
    public static string PathOf(AuthOptions auth, Hosting.StorageOptions storage) =>
        Path.GetFullPath(auth.SigningKeyFile ?? Path.Combine(storage.Path, DefaultName));

    /// <summary><c>rotate-signing-key [--Storage:Path=…] [--Auth:SigningKeyFile=…]</c>; the host reads the keys when it starts.</summary>
    public static int Run(string[] args, TextWriter? output = null)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args.Skip(1).ToArray()).AddEnvironmentVariables().Build();
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var storage = configuration.GetSection(Hosting.StorageOptions.Section).Get<Hosting.StorageOptions>() ?? new Hosting.StorageOptions();
        var path = PathOf(auth, storage);
        Rotate(path);
        (output ?? Console.Out).WriteLine($"Rotated the signing key in {path}: new tokens are signed with the new key, tokens signed with the previous one keep verifying. Restart the host to apply.");
        return 0;
    }

    /// <summary>Reads the keys, creating the file with a new key when there is none.</summary>
    public static (byte[] Current, byte[][] Previous) LoadOrCreate(string path)
    {
        if (!File.Exists(path)) Write(path, [SigningKeys.NewKey()]);
        DataFileModes.Restrict(path);
        var keys = File.ReadAllLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => SigningKeys.Parse(line, path))
            .ToArray();
        if (keys.Length == 0) throw new InvalidOperationException($"{path} holds no signing key.");
        return (keys[0], keys[1..]);
    }

    /// <summary>A new current key; the old current key becomes the previous one (older ones are dropped).</summary>
    public static void Rotate(string path)
    {
        var (current, _) = LoadOrCreate(path);
        Write(path, [SigningKeys.NewKey(), current]);
    }

    private static void Write(string path, byte[][] keys)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        DataFileModes.EnsureFolder(folder);
        // Written beside, then moved over: a reader sees the old file or the new one, never half of one.
        var next = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}");
        DataFileModes.EnsureFile(next);
        File.WriteAllLines(next, ["# Matching signing keys: current first, then the previous one (still verifies). Keep this file private.", .. keys.Select(Convert.ToBase64String)]);
        File.Move(next, path, overwrite: true);
    }
}
