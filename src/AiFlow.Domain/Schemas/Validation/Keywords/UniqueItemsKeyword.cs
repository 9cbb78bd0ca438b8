using System.Runtime.InteropServices;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>uniqueItems: true</c>.</summary>
internal sealed class UniqueItemsKeyword : Keyword
{
    private const int PairwiseLimit = 16;
    private const int StringBytesLimit = 1024;

    public UniqueItemsKeyword(KeywordSite site)
        : base(site)
    {
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        int length = instance.GetArrayLength();
        var (first, second) = length <= PairwiseLimit ? FindPairwiseStrings(instance, length) ?? FindPairwise(instance) : FindHashed(instance, length);
        if (first < 0)
        {
            return true;
        }

        if (context.Collecting)
        {
            context.Fail(Site, $"{context.Where()} must have unique items, but items {first} and {second} are equal");
        }

        return false;
    }

    /// <summary>
    /// Small arrays of short strings without escapes (tags, labels): their raw bytes are their values, so they are copied
    /// once to the stack and compared there, instead of reading each element's kind and text again for every pair.
    /// </summary>
    private static (int First, int Second)? FindPairwiseStrings(JsonElement instance, int length)
    {
        Span<byte> bytes = stackalloc byte[StringBytesLimit];
        Span<int> ends = stackalloc int[PairwiseLimit];
        int used = 0;
        int count = 0;
        foreach (var item in instance.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var raw = JsonMarshal.GetRawUtf8Value(item);
            if (raw.Length > bytes.Length - used || raw.IndexOf((byte)'\\') >= 0)
            {
                return null;
            }

            raw.CopyTo(bytes[used..]);
            used += raw.Length;
            ends[count++] = used;
        }

        for (int i = 1; i < length; i++)
        {
            var current = bytes[ends[i - 1]..ends[i]];
            for (int j = 0; j < i; j++)
            {
                if (current.SequenceEqual(bytes[(j == 0 ? 0 : ends[j - 1])..ends[j]]))
                {
                    return (j, i);
                }
            }
        }

        return (-1, -1);
    }

    /// <summary>Small arrays: compare every pair, no allocation.</summary>
    private static (int First, int Second) FindPairwise(JsonElement instance)
    {
        int i = -1;
        foreach (var item in instance.EnumerateArray())
        {
            i++;
            int j = -1;
            foreach (var earlier in instance.EnumerateArray())
            {
                if (++j == i)
                {
                    break;
                }

                if (JsonEquality.AreEqual(earlier, item))
                {
                    return (j, i);
                }
            }
        }

        return (-1, -1);
    }

    /// <summary>Large arrays: sort by hash and compare only equal-hash neighbours, so hostile input stays O(n log n).</summary>
    private static (int First, int Second) FindHashed(JsonElement instance, int length)
    {
        var items = new JsonElement[length];
        var hashes = new int[length];
        var order = new int[length];
        int index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            items[index] = item;
            hashes[index] = JsonHash.Compute(item);
            order[index] = index;
            index++;
        }

        Array.Sort(hashes, order);
        for (int start = 0; start < length;)
        {
            int end = start + 1;
            while (end < length && hashes[end] == hashes[start])
            {
                end++;
            }

            for (int a = start; a < end; a++)
            {
                for (int b = a + 1; b < end; b++)
                {
                    if (JsonEquality.AreEqual(items[order[a]], items[order[b]]))
                    {
                        return (Math.Min(order[a], order[b]), Math.Max(order[a], order[b]));
                    }
                }
            }

            start = end;
        }

        return (-1, -1);
    }
}
