namespace AiFlow.Domain.Retrieval.Embeddings;

/// <summary>
/// L2 normalisation of embeddings before they are stored: with unit vectors, cosine distance (what the HNSW index
/// orders by) and inner product agree, whatever scale the endpoint returned.
/// </summary>
public static class VectorNormalization
{
    /// <summary>The vector scaled to length 1, or null when it has no direction (all zeros) or holds a NaN or an infinity.</summary>
    public static float[]? L2Normalized(IReadOnlyList<float> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        double sum = 0;
        foreach (var x in vector)
        {
            if (!float.IsFinite(x)) return null;
            sum += (double)x * x;
        }
        if (sum == 0 || !double.IsFinite(sum)) return null;
        var norm = Math.Sqrt(sum);
        var result = new float[vector.Count];
        for (var i = 0; i < result.Length; i++) result[i] = (float)(vector[i] / norm);
        return result;
    }
}
