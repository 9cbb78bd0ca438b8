using AiFlow.Infrastructure.Retrieval.Extraction;

namespace AiFlow.Tests.Infrastructure.Retrieval.Extraction;

public sealed class ModelTokenCounterTests
{
    private readonly ModelTokenCounter _counter = new();

    [Fact]
    public void Token_counter_splits_words_into_the_models_uncased_word_pieces_without_special_tokens()
    {
        Assert.Equal(4, _counter.Count("The quick brown fox"));
        Assert.Equal(_counter.Count("the quick brown fox"), _counter.Count("THE QUICK BROWN FOX"));
        // BERT's own example: "unaffable" is un ##aff ##able in the uncased vocabulary.
        Assert.Equal(3, _counter.Count("unaffable"));
        // Punctuation is a token of its own.
        Assert.Equal(3, _counter.Count("hello, world"));
        Assert.Equal(0, _counter.Count(""));
    }

    [Fact]
    public void Token_counter_adds_up_over_paragraphs_because_line_breaks_and_tabs_are_not_tokens()
    {
        var parts = new[] { "ANSI", "American National Standards Institute", "API", "Application Programming Interface" };

        Assert.Equal(parts.Sum(_counter.Count), _counter.Count(string.Join("\n\n", parts)));
        Assert.Equal(3, _counter.Count("a\tb\r\nc"));
    }
}
