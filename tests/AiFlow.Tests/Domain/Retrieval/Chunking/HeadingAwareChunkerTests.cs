using AiFlow.Domain.Retrieval.Chunking;
using AiFlow.Domain.Retrieval.Extraction;

namespace AiFlow.Tests.Domain.Retrieval.Chunking;

public sealed class HeadingAwareChunkerTests
{
    private readonly HeadingAwareChunker _chunker = new(new WhitespaceTokenCounter());

    private static DocumentBlock H(int level, string text, int? page = null) => new(DocumentBlockKind.Heading, text, level, page);

    private static DocumentBlock P(string text, int? page = null) => new(DocumentBlockKind.Paragraph, text, 0, page);

    private static DocumentBlock Li(int depth, string text, int? page = null) => new(DocumentBlockKind.ListItem, text, 0, page, depth);

    /// <summary>A paragraph of <paramref name="words"/> distinct words tagged with <paramref name="tag"/>.</summary>
    private static string Words(string tag, int words) => string.Join(' ', Enumerable.Range(1, words).Select(i => $"{tag}{i}"));

    [Fact]
    public void Chunker_starts_a_new_chunk_at_each_heading_and_keeps_the_path_of_headings_above_it()
    {
        var blocks = new[]
        {
            H(1, "Guide"), P("Welcome to the guide."),
            H(2, "Install"), P("Download the package."),
            H(3, "Linux"), P("Use apt."),
            H(2, "Use"), P("Run the tool."),
        };

        var chunks = _chunker.Chunk(blocks, new ChunkingPolicy(100, 10));

        Assert.Equal(["Guide", "Guide › Install", "Guide › Install › Linux", "Guide › Use"], chunks.Select(c => c.HeadingPath));
        Assert.Equal(["Welcome to the guide.", "Download the package.", "Use apt.", "Run the tool."], chunks.Select(c => c.Text));
        Assert.Equal([0, 1, 2, 3], chunks.Select(c => c.Ordinal));
    }

    [Fact]
    public void Chunker_keeps_text_before_the_first_heading_with_an_empty_path_and_drops_empty_blocks_and_bare_headings()
    {
        var blocks = new[] { P("Preface text."), P("   "), H(1, "Empty section"), H(1, "Real"), P(""), P("Body.") };

        var chunks = _chunker.Chunk(blocks, ChunkingPolicy.Default);

        Assert.Equal([("", "Preface text."), ("Real", "Body.")], chunks.Select(c => (c.HeadingPath, c.Text)));
        Assert.Empty(_chunker.Chunk([], ChunkingPolicy.Default));
    }

    [Fact]
    public void Chunker_never_exceeds_the_token_limit_and_overlaps_consecutive_chunks_of_one_section()
    {
        var blocks = new List<DocumentBlock> { H(1, "Long") };
        blocks.AddRange(Enumerable.Range(1, 10).Select(i => P(Words($"p{i}w", 6))));

        var chunks = _chunker.Chunk(blocks, new ChunkingPolicy(20, 6));

        Assert.True(chunks.Count > 3);
        Assert.All(chunks, c => Assert.InRange(c.Tokens, 1, 20));
        Assert.All(chunks, c => Assert.Equal(new WhitespaceTokenCounter().Count(c.Text), c.Tokens));
        for (var i = 1; i < chunks.Count; i++)
        {
            // The last paragraph of a chunk (6 tokens, within the overlap) opens the next one.
            var lastParagraph = chunks[i - 1].Text.Split("\n\n")[^1];
            Assert.StartsWith(lastParagraph, chunks[i].Text);
        }

        // Every paragraph made it into some chunk.
        Assert.All(Enumerable.Range(1, 10), i => Assert.Contains(chunks, c => c.Text.Contains($"p{i}w6", StringComparison.Ordinal)));
    }

    [Fact]
    public void Chunker_never_carries_overlap_across_a_heading()
    {
        var blocks = new[] { H(1, "A"), P(Words("a", 8)), P(Words("b", 8)), H(1, "B"), P(Words("c", 8)) };

        var chunks = _chunker.Chunk(blocks, new ChunkingPolicy(10, 4));

        var sectionB = Assert.Single(chunks, c => c.HeadingPath == "B");
        Assert.Equal(Words("c", 8), sectionB.Text);
        Assert.DoesNotContain(chunks.Where(c => c.HeadingPath == "A"), c => c.Text.Contains("c1", StringComparison.Ordinal));
    }

    [Fact]
    public void Chunker_repeats_the_list_introduction_at_the_head_of_a_continuation_and_indents_nested_items()
    {
        var blocks = new[]
        {
            H(1, "Options"),
            P("The server accepts these options:"),
            Li(1, "port sets the listening port"),
            Li(2, "default is 5432 here"),
            Li(2, "set it in postgresql.conf"),
            Li(1, "host sets the listening address"),
        };

        var chunks = _chunker.Chunk(blocks, new ChunkingPolicy(18, 0));

        Assert.Equal(
            [
                "The server accepts these options:\n\n- port sets the listening port\n  - default is 5432 here",
                // A nested item that opens a continuation comes with the introduction and its parent item.
                "The server accepts these options:\n\n- port sets the listening port\n  - set it in postgresql.conf",
                "The server accepts these options:\n\n- host sets the listening address",
            ],
            chunks.Select(c => c.Text));
        Assert.All(chunks, c => Assert.Equal("Options", c.HeadingPath));
        Assert.All(chunks, c => Assert.InRange(c.Tokens, 1, 18));
    }

    [Fact]
    public void Chunker_keeps_the_introduction_before_the_parent_item_when_not_all_list_context_fits()
    {
        var blocks = new[]
        {
            P("Intro:"),
            Li(1, Words("parent", 8)),
            Li(2, Words("child", 8)),
        };

        var chunks = _chunker.Chunk(blocks, new ChunkingPolicy(12, 0));

        Assert.Equal(["Intro:\n\n- " + Words("parent", 8), "Intro:\n\n  - " + Words("child", 8)], chunks.Select(c => c.Text));
    }

    [Fact]
    public void Chunker_splits_an_oversized_paragraph_at_sentences_and_an_oversized_sentence_at_words()
    {
        var sentences = string.Join(' ', Enumerable.Range(1, 3).Select(i => Words($"s{i}w", 7) + "."));
        var runOn = Words("r", 25);

        var bySentence = _chunker.Chunk([P(sentences)], new ChunkingPolicy(10, 0));
        var byWord = _chunker.Chunk([P(runOn)], new ChunkingPolicy(10, 0));

        Assert.Equal([Words("s1w", 7) + ".", Words("s2w", 7) + ".", Words("s3w", 7) + "."], bySentence.Select(c => c.Text));
        Assert.Equal([10, 10, 5], byWord.Select(c => c.Tokens));
        Assert.Equal(runOn, string.Join(' ', byWord.Select(c => c.Text)));
    }

    [Fact]
    public void Chunker_reports_the_first_and_last_page_of_each_chunk_without_counting_a_repeated_introduction()
    {
        var blocks = new[]
        {
            H(1, "Manual", 1),
            P("Intro on page one:", 1),
            Li(1, Words("x", 5), 1),
            Li(1, Words("y", 5), 2),
            Li(1, Words("z", 5), 3),
        };

        var chunks = _chunker.Chunk(blocks, new ChunkingPolicy(16, 0));

        Assert.Equal([(1, 2), (3, 3)], chunks.Select(c => (c.PageFrom!.Value, c.PageTo!.Value)));
        Assert.StartsWith("Intro on page one:", chunks[1].Text);
        Assert.Null(_chunker.Chunk([P("no pages here")], ChunkingPolicy.Default)[0].PageFrom);
    }

    [Fact]
    public void Chunker_refuses_a_policy_whose_overlap_is_not_smaller_than_its_limit()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _chunker.Chunk([P("text")], new ChunkingPolicy(10, 10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _chunker.Chunk([P("text")], new ChunkingPolicy(0, 0)));
    }
}
