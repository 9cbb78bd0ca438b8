using System.Text;

namespace AiFlow.Domain.Retrieval.Dedup;

/// <summary>
/// 64-bit SimHash (Charikar) over lower-case word 3-shingles: texts that share most of their shingles get fingerprints
/// a few bits apart, so a lightly edited copy of a document is found by Hamming distance. The shingle hash is FNV-1a 64
/// over UTF-8, never <see cref="string.GetHashCode()"/>, because fingerprints are stored and compared across processes.
/// </summary>
public static class SimHash
{
    /// <summary>
    /// Fingerprints at most this many bits apart are near-duplicates. Measured on the PostgreSQL manual (1,173 pages,
    /// 682,696 pairs): replacing 1 % of a page's words moves its fingerprint 0–7 bits (75 pages), and the test's lightly
    /// edited manual page moves 6; distinct pages sit 32 bits apart in the median. At 8 only two pairs of the whole
    /// manual match, and both are near-copies in fact (reference.html and sql-commands.html list the same commands;
    /// two information-schema views share their description); at 10 templated pages start to match too.
    /// </summary>
    public const int NearDuplicateDistance = 8;

    private const int ShingleSize = 3;
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>The fingerprint of <paramref name="text"/>; 0 for text without words (empty documents are all alike).</summary>
    public static ulong Compute(string text)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return 0;
        }

        var weights = new int[64];
        // A text shorter than a shingle is one shingle of all its words.
        var shingles = Math.Max(1, words.Count - ShingleSize + 1);
        for (var i = 0; i < shingles; i++)
        {
            var shingle = string.Join(' ', words.Skip(i).Take(ShingleSize));
            var hash = Fnv1a64(shingle);
            for (var bit = 0; bit < 64; bit++)
            {
                weights[bit] += ((hash >> bit) & 1) == 1 ? 1 : -1;
            }
        }

        var fingerprint = 0UL;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit] > 0)
            {
                fingerprint |= 1UL << bit;
            }
        }

        return fingerprint;
    }

    public static int Distance(ulong a, ulong b) => System.Numerics.BitOperations.PopCount(a ^ b);

    public static bool AreNearDuplicates(ulong a, ulong b) => Distance(a, b) <= NearDuplicateDistance;

    /// <summary>Lower-case runs of letters and digits: punctuation, case and spacing do not make a text different.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static ulong Fnv1a64(string value)
    {
        var hash = FnvOffset;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash ^= b;
            hash *= FnvPrime;
        }

        return hash;
    }
}
