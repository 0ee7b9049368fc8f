using Matching.Domain.Fit;
using Matching.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matching.Host.Tests;

/// <summary>The matching engine as <c>AddMatchingEngine</c> wires it into the host, configured from the host's settings.</summary>
public sealed class MatchingEngineWiringTests
{
    [Fact]
    public async Task The_refresher_reloads_every_county_at_the_configured_interval_and_the_weights_come_from_configuration()
    {
        await using var app = MatchingApplication.With(settings: new Dictionary<string, string>
        {
            ["Search:CandidateRefreshInterval"] = "00:00:01",
            ["Matching:Weights:IndustryClass"] = "37",
        });
        await app.InitializeAsync();
        var registry = app.Services.GetRequiredService<CandidateRegistry>();
        var counties = registry.Snapshot.All.Count;
        Assert.Equal(136, counties);
        Assert.Equal(37, app.Services.GetRequiredService<FitModel>().Weights.IndustryClass);
        Assert.Equal(TimeSpan.FromSeconds(1), app.Services.GetRequiredService<IOptions<MatchingEngineOptions>>().Value.CandidateRefreshInterval);

        // Lose the snapshot (as a host whose refresh read nothing would): the next refresh reads every county from its grain again.
        await registry.LoadAsync([], [], TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (registry.Snapshot.All.Count != counties && DateTime.UtcNow < deadline) await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(counties, registry.Snapshot.All.Count);
    }
}
