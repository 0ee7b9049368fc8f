namespace Matching.Contracts.Unread;

/// <summary>
/// What one user has seen of one live stream: the highest sequence of that stream they have opened.
/// One grain (one stored row) per user and stream, keyed <see cref="KeyOf"/>; nothing in it grows.
/// </summary>
[Alias("Matching.IReadMarkGrain")]
public interface IReadMarkGrain : IGrainWithStringKey
{
    /// <summary>The key of a user's mark on a stream.</summary>
    static string KeyOf(string userName, string stream) => userName + "|" + stream;

    /// <summary>The highest sequence seen, 0 when never opened.</summary>
    [Alias("Get"), ReadOnly]
    Task<long> Get();

    /// <summary>Records that the user has seen the stream up to <paramref name="sequence"/>; a lower sequence changes nothing.</summary>
    [Alias("See")]
    Task<long> See(long sequence);
}
