using AiFlow.Domain.Retrieval.Embeddings;

namespace AiFlow.Tests.Domain.Retrieval;

public class VectorNormalizationTests
{
    [Fact]
    public void A_vector_is_scaled_to_length_one_keeping_its_direction()
    {
        var unit = VectorNormalization.L2Normalized([3f, 4f])!;

        Assert.Equal(0.6f, unit[0], 5);
        Assert.Equal(0.8f, unit[1], 5);
    }

    [Fact]
    public void A_vector_with_no_direction_or_a_nan_has_no_normal_form()
    {
        Assert.Null(VectorNormalization.L2Normalized([0f, 0f, 0f]));
        Assert.Null(VectorNormalization.L2Normalized([1f, float.NaN]));
        Assert.Null(VectorNormalization.L2Normalized([float.PositiveInfinity, 1f]));
    }

    [Fact]
    public void Tiny_and_huge_components_still_normalise_without_overflow()
    {
        var huge = VectorNormalization.L2Normalized([3e30f, 4e30f])!;
        var tiny = VectorNormalization.L2Normalized([3e-30f, 4e-30f])!;

        Assert.Equal(1.0, Math.Sqrt(huge.Sum(x => (double)x * x)), 5);
        Assert.Equal(1.0, Math.Sqrt(tiny.Sum(x => (double)x * x)), 5);
    }
}
