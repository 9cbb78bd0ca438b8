using AiFlow.Domain.Retrieval.Search;

namespace AiFlow.Tests.Domain.Retrieval.Search;

public class ContextTokenBudgetTests
{
    [Fact]
    public void Hits_are_kept_in_order_until_the_next_one_would_pass_the_budget()
    {
        // 4 + 3 = 7 fits 8; adding 5 would make 12; the 1 after it is not taken in its place.
        var kept = ContextTokenBudget.Fit([4, 3, 5, 1], t => t, 8);

        Assert.Equal([4, 3], kept);
    }

    [Fact]
    public void A_budget_exactly_reached_keeps_the_hit_that_reaches_it()
    {
        Assert.Equal([4, 4], ContextTokenBudget.Fit([4, 4, 1], t => t, 8));
    }

    [Fact]
    public void No_budget_keeps_everything_and_a_first_hit_over_the_budget_keeps_nothing()
    {
        Assert.Equal([9, 9], ContextTokenBudget.Fit([9, 9], t => t, null));
        Assert.Empty(ContextTokenBudget.Fit([9, 1], t => t, 5));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 0)]
    [InlineData("one", 1)]
    [InlineData("  Replace the water\tfilter\nevery six months. ", 7)]
    public void Words_are_runs_of_characters_between_white_space(string text, int words)
    {
        Assert.Equal(words, ContextTokenBudget.Words(text));
    }
}
