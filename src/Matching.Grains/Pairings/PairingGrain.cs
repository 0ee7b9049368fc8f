using Matching.Contracts;
using Matching.Domain.Counties;
using Matching.Domain.Geography;
using Matching.Domain.JointBids;
using Matching.Grains.Persistence;

namespace Matching.Grains.Pairings;

/// <summary>Stored pairings, by id.</summary>
public sealed class PairingState
{
    public Dictionary<string, CountyPairing> Pairings { get; set; } = [];
}

/// <summary>
/// The province's pairings. Each change is carried into the counties' profiles (their pairing partners), which
/// is what matching's balance factor reads: the coordinator's data is the source, the profile its projection.
/// </summary>
public sealed class PairingGrain(
    [PersistentState("pairings", MatchingStorage.Name)] IPersistentState<PairingState> state,
    Province province,
    PairingVersions versions,
    TimeProvider time) : Grain, IPairingGrain
{
    /// <summary>Most pairings the province keeps (several per county at most).</summary>
    private const int MostPairings = 1000;

    public Task<IReadOnlyList<CountyPairing>> GetAll() =>
        Task.FromResult<IReadOnlyList<CountyPairing>>([.. state.State.Pairings.Values.OrderBy(p => p.Id, StringComparer.Ordinal)]);

    public async Task<CommandResult<CountyPairing>> Save(string? id, PairingInput input, string editedBy)
    {
        if (id is not null && !state.State.Pairings.ContainsKey(id)) return CommandResult<CountyPairing>.NotFound($"结对 {id} 不存在。");
        if (id is null && state.State.Pairings.Count >= MostPairings) return CommandResult<CountyPairing>.Conflict($"结对最多 {MostPairings} 组。", null);
        var key = id ?? Guid.CreateVersion7().ToString("N");
        if (!CommandResult<CountyPairing>.TryValidate(() => input.Validate(province, key, editedBy, time.GetUtcNow()), out var pairing, out var invalid)) return invalid;
        var before = state.State.Pairings;
        var earlier = before.GetValueOrDefault(key);
        pairing = pairing with { Version = (earlier?.Version ?? 0) + 1 };
        // The version row first: a change that is not on record is never in force (a retry writes the same version).
        await versions.RecordAsync(pairing.AsVersion(earlier is null ? PairingChange.Added : PairingChange.Changed));
        var touched = (before.GetValueOrDefault(key)?.Counties ?? []).Concat(pairing.Counties).Distinct().ToArray();
        state.State.Pairings = new Dictionary<string, CountyPairing>(before) { [key] = pairing };
        await state.WriteOrUndo(() => state.State.Pairings = before);
        await Project(touched, editedBy);
        return CommandResult<CountyPairing>.Ok(pairing);
    }

    public async Task<CommandResult<PairingVersion>> End(string id, PairingEndInput input, string endedBy)
    {
        if (!state.State.Pairings.TryGetValue(id, out var pairing)) return CommandResult<PairingVersion>.NotFound($"结对 {id} 不存在或已终止。");
        if (!CommandResult<PairingVersion>.TryValidate(input.Validate, out var why, out var invalid)) return invalid;
        var ended = new PairingVersion(id, pairing.Version + 1, PairingChange.Ended, pairing.Kind, pairing.Counties, why.Reason, why.Notice, endedBy, time.GetUtcNow());
        await versions.RecordAsync(ended);
        var before = state.State.Pairings;
        var after = new Dictionary<string, CountyPairing>(before);
        after.Remove(id);
        state.State.Pairings = after;
        await state.WriteOrUndo(() => state.State.Pairings = before);
        await Project(pairing.Counties, endedBy);
        return CommandResult<PairingVersion>.Ok(ended);
    }

    /// <summary>Sets each touched county's pairing partners to what the pairings now say (idempotent: a retry writes the same).</summary>
    private async Task Project(IEnumerable<string> counties, string editor)
    {
        foreach (var county in counties)
        {
            var partners = state.State.Pairings.Values.SelectMany(p => p.PartnersOf(county)).Distinct().Order(StringComparer.Ordinal).ToArray();
            await GrainFactory.GetGrain<ICountyGrain>(county).UpdateProfile(new CountyProfileInput(PairingPartners: partners), editor, FigureSource.Coordinator, null);
        }
    }
}
