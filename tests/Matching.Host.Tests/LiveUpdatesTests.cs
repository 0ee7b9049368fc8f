using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Client;
using Matching.Contracts;
using Matching.Contracts.Live;
using Matching.Domain.Access;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Host.Tests;

/// <summary>Live updates through a real SignalR client (the .NET client library) against the real host.</summary>
[Collection(HostCollection.Name)]
public sealed class LiveUpdatesTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    private async Task<string> ParkOf(string county) =>
        (await app.Officer().GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();

    private async Task<JsonObject> Offer(string county) => new()
    {
        ["county"] = county, ["parkId"] = await ParkOf(county), ["landMu"] = 50, ["energyTce"] = 2000, ["deliveryMonths"] = 12,
        ["landPrice"] = 30, ["commitments"] = "专班服务，代办审批手续", ["note"] = "园区已完成七通一平",
    };

    [Fact]
    public async Task Each_event_reaches_exactly_its_recipients_and_no_one_else()
    {
        var province = app.Services.GetRequiredService<Domain.Geography.Province>();
        var counties = province.Counties.Select(c => c.Adcode).ToArray();
        var probes = new Dictionary<string, LiveProbe>();
        try
        {
            foreach (var user in counties.Select(SeededAccounts.CountyUser).Append(SeededAccounts.Officer).Append(SeededAccounts.Coordinator))
                probes[user] = await app.Live(user).StartAsync();

            var officer = app.Officer();
            // An investor of its own: another test's award of the same investor would add a relocation notice.
            var (id, _) = await officer.CreateProject(ProjectBodies.Valid("实时推送测试项目").With("landMu", 50).With("energyTce", 2000)
                .With("investor", new JsonObject { ["name"] = $"实时推送测试投资方{Guid.NewGuid():N}", ["kind"] = "private" }));
            (await officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
            var fits = (await Grains.GetGrain<IProjectGrain>(id).GetInterestScores()).Keys.Order(StringComparer.Ordinal).ToArray();
            Assert.True(fits.Length >= 2, "the project must fit at least two counties for a contest");

            var (a, b) = (fits[0], fits[1]);
            (await app.County(a).PostAsJsonAsync($"/api/projects/{id}/bids", await Offer(a), Ct)).EnsureSuccessStatusCode();
            (await app.County(b).PostAsJsonAsync($"/api/projects/{id}/bids", await Offer(b), Ct)).EnsureSuccessStatusCode();
            var version = (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();
            (await app.Coordinator().PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
            {
                ["kind"] = "award", ["county"] = a, ["parkId"] = await ParkOf(a), ["reason"] = "配套最完善", ["expectedVersion"] = version,
            }, Ct)).EnsureSuccessStatusCode();

            string[] staff = ["projectPublished", "bidPlaced", "bidPlaced", "projectContested", "decisionMade"];
            Assert.Equal(staff, await probes[SeededAccounts.Officer].WaitFor(id, staff));
            // Coordinators also hear who decides the contest (the officer does not).
            string[] coordinators = ["projectPublished", "bidPlaced", "bidPlaced", "projectContested", "contestRouted", "decisionMade"];
            Assert.Equal(coordinators, await probes[SeededAccounts.Coordinator].WaitFor(id, coordinators));
            // The award reserved land at a's park and energy at a, before it was recorded: a hears of both, first.
            Assert.Equal(["projectPublished", "quotaChanged", "quotaChanged", "decisionMade"],
                await probes[SeededAccounts.CountyUser(a)].WaitFor(id, "projectPublished", "quotaChanged", "quotaChanged", "decisionMade"));
            Assert.Equal(["projectPublished", "decisionMade"], await probes[SeededAccounts.CountyUser(b)].WaitFor(id, "projectPublished", "decisionMade"));
            foreach (var fit in fits.Skip(2))
                Assert.Equal(["projectPublished", "projectUpdated"], await probes[SeededAccounts.CountyUser(fit)].WaitFor(id, "projectPublished", "projectUpdated"));


            // A county that does not fit heard nothing of the project: neither live nor in its stream's log.
            await Task.Delay(300, Ct);
            foreach (var other in counties.Except(fits))
            {
                Assert.Empty(probes[SeededAccounts.CountyUser(other)].TypesFor(id));
                var log = await Grains.GetGrain<IEventStreamGrain>(LiveStreams.County(other)).Read(0, 500);
                Assert.DoesNotContain(log.Events, e => e.ProjectId == id);
            }

            // Published payloads carry the receiving county's own score; bids name the county.
            var published = probes[SeededAccounts.CountyUser(a)].Received.First(m => m.ProjectId == id && m.Type == "projectPublished");
            Assert.Equal(Math.Round((await Grains.GetGrain<IProjectGrain>(id).GetInterestScores())[a], 4), published.Payload.GetProperty("fitScore").GetDouble(), 4);
            var bid = probes[SeededAccounts.Officer].Received.First(m => m.ProjectId == id && m.Type == "bidPlaced");
            Assert.Equal(a, bid.Payload.GetProperty("county").GetString());
        }
        finally
        {
            await Task.WhenAll(probes.Values.Select(p => p.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task A_county_watching_a_project_hears_its_public_changes_but_not_who_bid()
    {
        var officer = app.Officer();
        var (id, _) = await officer.CreateProject(ProjectBodies.Valid("关注推送测试项目").With("landMu", 50).With("energyTce", 2000));
        (await officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        var (draft, _) = await officer.CreateProject(ProjectBodies.Valid("关注草稿"));
        var stream = LiveStreams.Project(id);

        await using var watcher = await app.Live(SeededAccounts.CountyUser("370783")).StartAsync();
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => watcher.Connection.WatchAsync(draft, Ct));
        await watcher.Connection.WatchAsync(id, Ct);

        var fits = (await Grains.GetGrain<IProjectGrain>(id).GetInterestScores()).Keys.Order(StringComparer.Ordinal).ToArray();
        var (a, b) = (fits[0], fits[1]);
        (await app.County(a).PostAsJsonAsync($"/api/projects/{id}/bids", await Offer(a), Ct)).EnsureSuccessStatusCode();
        // Cut while the contest happens: the watch is restored and the contest fetched on reconnect.
        await watcher.Connection.DropAsync();
        (await app.County(b).PostAsJsonAsync($"/api/projects/{id}/bids", await Offer(b), Ct)).EnsureSuccessStatusCode();
        var version = (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();
        (await app.Coordinator().PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "award", ["county"] = a, ["parkId"] = await ParkOf(a), ["reason"] = "配套最完善", ["expectedVersion"] = version,
        }, Ct)).EnsureSuccessStatusCode();

        await watcher.WaitForSequence(stream, 2);
        var seen = watcher.Received.Where(m => m.Stream == stream).ToArray();
        Assert.Equal(["projectContested", "decisionMade"], seen.Select(m => m.Type));
        Assert.Equal(0, seen[0].Payload.GetProperty("counties").GetArrayLength());
        Assert.Equal(a, seen[1].Payload.GetProperty("awards")[0].GetProperty("county").GetString());
    }

    /// <summary>Appends synthetic events to a stream the way grains do, so a test controls exactly what is sent.</summary>
    internal static async Task Append(IGrainFactory grains, string stream, string batch, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await grains.GetGrain<IEventStreamGrain>(stream).Append([new LiveEventDraft(stream, $"{batch}/{i}", LiveEventTypes.ProjectUpdated, 1,
                DateTimeOffset.UtcNow, null, JsonSerializer.Serialize(new { batch, i }))]);
        }
    }

    internal static void AssertContiguous(IReadOnlyList<LiveMessage> received, string stream, long from, long to)
    {
        var sequences = received.Where(m => m.Stream == stream && m.Sequence > from).Select(m => m.Sequence).ToArray();
        Assert.Equal(Enumerable.Range(1, (int)(to - from)).Select(i => from + i), sequences);
    }

    [Fact]
    public async Task A_dropped_connection_gets_exactly_the_missed_events_in_order()
    {
        var stream = LiveStreams.County("370112");
        await using var probe = await app.Live(SeededAccounts.CountyUser("370112")).StartAsync();
        var start = await Grains.GetGrain<IEventStreamGrain>(stream).Head();
        if (start > 0) await probe.WaitForSequence(stream, start);

        // Events keep coming while the connection is cut twice.
        var producing = Append(Grains, stream, "drop-" + Guid.NewGuid().ToString("N"), 150);
        await Task.Delay(100, Ct);
        await probe.Connection.DropAsync();
        await Task.Delay(300, Ct);
        await probe.Connection.DropAsync();
        await producing;

        await probe.WaitForSequence(stream, start + 150);
        AssertContiguous(probe.Received, stream, start, start + 150);
    }

    [Fact]
    public async Task A_reloaded_client_asks_from_its_last_sequence_and_gets_only_what_it_missed()
    {
        var stream = LiveStreams.County("370124");
        IReadOnlyDictionary<string, long> kept;
        long head;
        await using (var first = await app.Live(SeededAccounts.CountyUser("370124")).StartAsync())
        {
            await Append(Grains, stream, "before-" + Guid.NewGuid().ToString("N"), 5);
            head = await Grains.GetGrain<IEventStreamGrain>(stream).Head();
            await first.WaitForSequence(stream, head);
            kept = new Dictionary<string, long>(first.Connection.Positions);
        }

        await Append(Grains, stream, "while-away-" + Guid.NewGuid().ToString("N"), 7);
        await using var reloaded = await app.Live(SeededAccounts.CountyUser("370124"), kept).StartAsync();
        await reloaded.WaitForSequence(stream, head + 7);

        Assert.Equal(Enumerable.Range(1, 7).Select(i => head + i), reloaded.Received.Where(m => m.Stream == stream).Select(m => m.Sequence));
    }

    [Fact]
    public async Task A_connection_never_joins_a_stream_it_is_not_entitled_to()
    {
        var token = app.TokenOf(SeededAccounts.CountyUser("370102"));
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.CreateClient().BaseAddress!, LiveHubProtocol.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await connection.StartAsync(Ct);

        var streams = await connection.InvokeAsync<StreamHead[]>(LiveHubProtocol.Streams, Ct);
        Assert.Equal([LiveStreams.County("370102")], streams.Select(s => s.Stream));
        foreach (var other in new[] { LiveStreams.County("370112"), LiveStreams.Coordinators, LiveStreams.Officer("officer") })
        {
            var error = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => connection.InvokeAsync<LivePage>(LiveHubProtocol.Resume, other, 0L, Ct));
            Assert.Contains("无权", error.Message);
        }
    }
}
