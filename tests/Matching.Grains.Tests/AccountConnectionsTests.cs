using System.Collections.Concurrent;
using Matching.Contracts.Access;
using Matching.Contracts.Live;
using Matching.Domain.Access;

namespace Matching.Grains.Tests;

/// <summary>Disabling an account asks every host's live hub in the directory to close its connections.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AccountConnectionsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Disabling_an_account_closes_its_connections_on_every_registered_host_and_enabling_closes_nothing()
    {
        var user = "close-test-" + Guid.NewGuid().ToString("N")[..8];
        var account = fixture.Grains.GetGrain<IAccountGrain>(user);
        Assert.True(await account.Create(new AccountSeed(user, Role.County, "370112", "历城区测试"), "hash"));
        var directory = fixture.Grains.GetGrain<ILiveHubDirectoryGrain>(0);
        var host = new ClosingHub();
        var reference = fixture.Cluster.Client.CreateObjectReference<IRemoteLiveHub>(host);
        await directory.Register(fixture.Cluster.Primary!.SiloAddress, reference);
        try
        {
            Assert.True(await account.SetDisabled(true));
            // Closed before the call returns: the account is stored disabled, then every host is told.
            Assert.Equal([user], host.Closed);
            Assert.True((await account.Get())!.Disabled);

            Assert.True(await account.SetDisabled(true));
            Assert.True(await account.SetDisabled(false));
            Assert.Equal([user], host.Closed);
        }
        finally
        {
            await directory.Unregister(fixture.Cluster.Primary!.SiloAddress);
            fixture.Cluster.Client.DeleteObjectReference<IRemoteLiveHub>(reference);
        }
    }

    private sealed class ClosingHub : IRemoteLiveHub
    {
        private readonly ConcurrentQueue<string> _closed = new();

        public IReadOnlyList<string> Closed => [.. _closed];

        public Task Deliver(IReadOnlyList<LiveEvent> events) => Task.CompletedTask;

        public Task CloseConnectionsOf(string userName)
        {
            _closed.Enqueue(userName);
            return Task.CompletedTask;
        }
    }
}
