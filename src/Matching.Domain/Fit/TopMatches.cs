namespace Matching.Domain.Fit;

/// <summary>
/// The positions of the best totals, best first, ties in position (adcode) order: what a stable sort by
/// descending score would put first, without sorting every county when only a few are shown.
/// </summary>
public static class TopMatches
{
    /// <summary>The positions of at most <paramref name="top"/> non-null totals, best first.</summary>
    public static int[] Of(double?[] totals, int top)
    {
        if (top <= 0) return [];
        var count = 0;
        foreach (var total in totals) if (total is not null) count++;
        var k = Math.Min(top, count);
        if (k == 0) return [];
        if (k > 64) return Sorted(totals, count, k);

        // A small sorted window: a county enters when it beats the last one kept (an equal score keeps the earlier county).
        var positions = new int[k];
        var scores = new double[k];
        var held = 0;
        for (var i = 0; i < totals.Length; i++)
        {
            if (totals[i] is not { } score) continue;
            if (held == k && score <= scores[k - 1]) continue;
            var at = held < k ? held++ : k - 1;
            while (at > 0 && scores[at - 1] < score)
            {
                scores[at] = scores[at - 1];
                positions[at] = positions[at - 1];
                at--;
            }

            scores[at] = score;
            positions[at] = i;
        }

        return positions;
    }

    private static int[] Sorted(double?[] totals, int count, int k)
    {
        var positions = new int[count];
        var n = 0;
        for (var i = 0; i < totals.Length; i++) if (totals[i] is not null) positions[n++] = i;
        Array.Sort(positions, (a, b) => totals[a]!.Value != totals[b]!.Value ? totals[b]!.Value.CompareTo(totals[a]!.Value) : a.CompareTo(b));
        return k == count ? positions : positions[..k];
    }
}
