using Matching.Host.Hosting;

namespace Matching.Host.Seeding;

/// <summary>Whether this host's store holds the seeds; readiness waits for it.</summary>
public sealed class SeedStatus : StartupSignal
{
    public override string Step => "Seeds";
}
