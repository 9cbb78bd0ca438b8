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
    /// Fingerprints at most this many bits apart are near-duplicates. Measured in SimHashTests: a 400-word text with a
    /// handful of words changed lands within 2–6 bits of the original, while unrelated texts sit around 32 (a fair coin
    /// per bit) and below 20 only by chance; 10 leaves room for heavier light edits and stays far from unrelated texts.
    /// </summary>
    public const int NearDuplicateDistance = 10;

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
