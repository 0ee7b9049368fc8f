namespace Matching.Live.Wire;

/// <summary>
/// The hub's address, method names and page size: the contract between the host and its clients.
/// The web workbench has the same values in <c>src/Matching.Web/src/liveWire.ts</c>
/// (<c>tests/Matching.Web.Tests/LiveWireTests.cs</c> fails when they differ).
/// </summary>
public static class LiveHubProtocol
{
    /// <summary>The hub's path on the host.</summary>
    public const string Path = "/hubs/matching";

    /// <summary>Server → client: one event.</summary>
    public const string Event = "event";

    /// <summary>Client → server: the connection's streams and their heads.</summary>
    public const string Streams = "Streams";

    /// <summary>Client → server: events of a stream after a sequence.</summary>
    public const string Resume = "Resume";

    /// <summary>Client → server: watch a project's public events (returns the stream's head).</summary>
    public const string Watch = "Watch";

    /// <summary>Client → server: stop watching a project.</summary>
    public const string Unwatch = "Unwatch";

    /// <summary>Most events one <see cref="Resume"/> page (and one stream read) returns; <see cref="LivePage.More"/> says ask again.</summary>
    public const int PageSize = 500;
}
