using AiFlow.Domain.GroundTruth;

namespace AiFlow.Tests.Domain.Datasets;

public class ExampleTagsTests
{
    [Fact]
    public void Tags_are_trimmed_kept_once_and_sorted()
    {
        Assert.Equal(["edge-case", "regression", "smoke"], ExampleTags.Normalize([" smoke", "regression", "edge-case ", "smoke"], out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData("a-tag-that-is-far-too-long-to-be-read-at-a-glance")]
    public void A_value_that_is_not_a_tag_is_refused_by_name(string tag)
    {
        Assert.Null(ExampleTags.Normalize(["smoke", tag], out var problem));
        Assert.Contains($"'{tag.Trim()}' is not a tag", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_twenty_tags_are_refused()
    {
        Assert.Null(ExampleTags.Normalize(Enumerable.Range(0, 21).Select(i => $"t{i}"), out var problem));
        Assert.Contains("at most 20", problem, StringComparison.Ordinal);
    }
}
