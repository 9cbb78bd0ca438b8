namespace AiFlow.Domain.Common.Diffing;

/// <summary>
/// Line diff by Myers' O(ND) algorithm: the shortest edit script, so unchanged lines stay aligned. Prompt templates are
/// short; past <see cref="MaxEditSteps"/> differences the middle is reported as wholly replaced rather than searched.
/// </summary>
public static class LineDiff
{
    public const int MaxEditSteps = 4000;

    public static IReadOnlyList<string> Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    public static IReadOnlyList<LineChange> Compare(string? oldText, string? newText) => Compare(Lines(oldText), Lines(newText));

    public static IReadOnlyList<LineChange> Compare(IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
    {
        ArgumentNullException.ThrowIfNull(oldLines);
        ArgumentNullException.ThrowIfNull(newLines);
        var prefix = 0;
        while (prefix < oldLines.Count && prefix < newLines.Count && oldLines[prefix] == newLines[prefix]) prefix++;
        var suffix = 0;
        while (suffix < oldLines.Count - prefix && suffix < newLines.Count - prefix
               && oldLines[oldLines.Count - 1 - suffix] == newLines[newLines.Count - 1 - suffix]) suffix++;

        var a = Slice(oldLines, prefix, oldLines.Count - prefix - suffix);
        var b = Slice(newLines, prefix, newLines.Count - prefix - suffix);
        var kinds = new List<LineChangeKind>(oldLines.Count + newLines.Count);
        kinds.AddRange(Enumerable.Repeat(LineChangeKind.Same, prefix));
        kinds.AddRange(Middle(a, b));
        kinds.AddRange(Enumerable.Repeat(LineChangeKind.Same, suffix));
        return Number(kinds, oldLines, newLines);
    }

    /// <summary>Pairs each run of removed lines with the added lines that replace it, row by row.</summary>
    public static IReadOnlyList<SideBySideRow> SideBySide(IReadOnlyList<LineChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var rows = new List<SideBySideRow>(changes.Count);
        var removed = new List<LineChange>();
        var added = new List<LineChange>();
        void Flush()
        {
            for (var i = 0; i < Math.Max(removed.Count, added.Count); i++)
            {
                rows.Add(new SideBySideRow(i < removed.Count ? removed[i] : null, i < added.Count ? added[i] : null));
            }
            removed.Clear();
            added.Clear();
        }
        foreach (var change in changes)
        {
            switch (change.Kind)
            {
                case LineChangeKind.Removed: removed.Add(change); break;
                case LineChangeKind.Added: added.Add(change); break;
                default:
                    Flush();
                    rows.Add(new SideBySideRow(change, change));
                    break;
            }
        }
        Flush();
        return rows;
    }

    private static string[] Slice(IReadOnlyList<string> lines, int start, int count)
    {
        var slice = new string[count];
        for (var i = 0; i < count; i++) slice[i] = lines[start + i];
        return slice;
    }

    /// <summary>The edit script of two texts that share no first or last line.</summary>
    private static List<LineChangeKind> Middle(string[] a, string[] b)
    {
        int n = a.Length, m = b.Length;
        if (n == 0 || m == 0) return [.. Enumerable.Repeat(LineChangeKind.Removed, n), .. Enumerable.Repeat(LineChangeKind.Added, m)];

        var max = n + m;
        var offset = max + 1;
        var v = new int[(2 * max) + 3];
        // trace[d] holds v over the diagonals -d..d after step d, enough to walk the path back.
        var trace = new List<int[]>();
        for (var d = 0; d <= Math.Min(max, MaxEditSteps); d++)
        {
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    trace.Add(v[(offset - d)..(offset + d + 1)]);
                    return Backtrack(trace, a, b);
                }
            }
            trace.Add(v[(offset - d)..(offset + d + 1)]);
        }
        return [.. Enumerable.Repeat(LineChangeKind.Removed, n), .. Enumerable.Repeat(LineChangeKind.Added, m)];
    }

    private static List<LineChangeKind> Backtrack(List<int[]> trace, string[] a, string[] b)
    {
        var reversed = new List<LineChangeKind>();
        int x = a.Length, y = b.Length;
        for (var d = trace.Count - 1; d > 0; d--)
        {
            var previous = trace[d - 1];
            int At(int diagonal) => previous[diagonal + d - 1];
            var k = x - y;
            var down = k == -d || (k != d && At(k - 1) < At(k + 1));
            var previousK = down ? k + 1 : k - 1;
            var previousX = At(previousK);
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                reversed.Add(LineChangeKind.Same);
                x--;
                y--;
            }
            reversed.Add(down ? LineChangeKind.Added : LineChangeKind.Removed);
            if (down) y--;
            else x--;
        }
        for (; x > 0 && y > 0; x--, y--) reversed.Add(LineChangeKind.Same);
        reversed.Reverse();
        return reversed;
    }

    private static List<LineChange> Number(List<LineChangeKind> kinds, IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
    {
        var changes = new List<LineChange>(kinds.Count);
        int i = 0, j = 0;
        foreach (var kind in kinds)
        {
            changes.Add(kind switch
            {
                LineChangeKind.Same => new LineChange(kind, oldLines[i], ++i, ++j),
                LineChangeKind.Removed => new LineChange(kind, oldLines[i], ++i, null),
                _ => new LineChange(kind, newLines[j], null, ++j),
            });
        }
        return changes;
    }
}
