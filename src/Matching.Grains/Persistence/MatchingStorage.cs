namespace Matching.Grains.Persistence;

/// <summary>Names under which grain state is stored; part of the stored data, never rename.</summary>
public static class MatchingStorage
{
    /// <summary>The grain storage provider every grain of the platform uses.</summary>
    public const string Name = "matching";
}
