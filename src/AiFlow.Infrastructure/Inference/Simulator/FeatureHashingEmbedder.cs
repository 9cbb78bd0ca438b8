using System.Text.RegularExpressions;

namespace AiFlow.Infrastructure.Inference.Simulator;

/// <summary>
/// Deterministic text embeddings by feature hashing: words and character trigrams are hashed into
/// <see cref="Dimensions"/> buckets with a hashed sign, then L2-normalised. Texts that share words
/// and spelling get a higher cosine similarity than unrelated ones, which is all retrieval demos need.
/// </summary>
public static partial class FeatureHashingEmbedder
{
    public const int Dimensions = 384;

    // Whole words carry more meaning than the trigrams that spell them.
    private const float WordWeight = 1.0f;
    private const float TrigramWeight = 0.5f;

    public static float[] Embed(string? text)
    {
        var vector = new float[Dimensions];
        foreach (Match match in Word().Matches((text ?? string.Empty).ToLowerInvariant()))
        {
            Add(vector, "w:" + match.Value, WordWeight);
            var padded = "#" + match.Value + "#";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                Add(vector, string.Concat("t:", padded.AsSpan(i, 3)), TrigramWeight);
            }
        }

        return Normalise(vector);
    }

    private static void Add(float[] vector, string feature, float weight)
    {
        var hash = StableHash.Of(feature);
        var bucket = (int)(hash % Dimensions);
        vector[bucket] += (hash >> 63) == 0 ? weight : -weight;
    }

    // An empty text still gets a unit vector, so cosine similarity is always defined.
    private static float[] Normalise(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        if (norm == 0)
        {
            vector[0] = 1;
            return vector;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] / norm);
        }

        return vector;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
