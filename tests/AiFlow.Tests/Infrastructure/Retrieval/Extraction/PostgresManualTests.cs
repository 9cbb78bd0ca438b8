using AiFlow.Domain.Retrieval.Chunking;
using AiFlow.Domain.Retrieval.Dedup;
using AiFlow.Infrastructure.Retrieval.Extraction;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.Infrastructure.Retrieval.Extraction;

/// <summary>Real text: pages of the PostgreSQL manual as Debian's postgresql-doc-15 installs them (read in place, never copied).</summary>
public sealed class PostgresManualTests
{
    private const string ManualDirectory = "/usr/share/doc/postgresql-doc-15/html";
    private const string HowToInstall = "install it with `apt-get install -y postgresql-doc-15` (CI must install this package)";

    private static readonly string[] DistinctPages = ["routine-vacuuming.html", "datatype-numeric.html", "sql-select.html", "tutorial-join.html"];

    private static readonly HeadingAwareChunker Chunker = new(new ModelTokenCounter());

    private static (AiFlow.Domain.Retrieval.Extraction.ExtractedDocument Document, IReadOnlyList<ChunkDraft> Chunks) Read(string page)
    {
        InstalledData.RequireDirectory(ManualDirectory, HowToInstall);
        var document = ExtractorFixture.Extract(File.ReadAllBytes(Path.Combine(ManualDirectory, page)), page);
        return (document, Chunker.Chunk(document.Blocks, ChunkingPolicy.Default));
    }

    [SkippableTheory]
    [InlineData("routine-vacuuming.html", "25.1. Routine Vacuuming", "25.1. Routine Vacuuming › 25.1.2. Recovering Disk Space")]
    [InlineData("datatype-numeric.html", "8.1. Numeric Types", "8.1. Numeric Types › 8.1.1. Integer Types")]
    [InlineData("sql-select.html", "SELECT", "Parameters › FROM Clause")]
    public void Manual_pages_chunk_under_their_own_headings_within_the_model_token_limit(string page, string title, string headingPath)
    {
        var (document, chunks) = Read(page);

        Assert.Equal(title, document.Title);
        Assert.Equal("en", document.Language);
        Assert.Contains(chunks, c => c.HeadingPath == headingPath);
        Assert.All(chunks, c => Assert.InRange(c.Tokens, 1, ChunkingPolicy.Default.MaxTokens));
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
        // Navigation (Prev / Up / Next) is page chrome, not text to retrieve.
        Assert.DoesNotContain(chunks, c => c.Text.StartsWith("Prev", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_sample_of_the_whole_manual_extracts_and_chunks_without_refusals()
    {
        InstalledData.RequireDirectory(ManualDirectory, HowToInstall);
        var pages = Directory.GetFiles(ManualDirectory, "*.html").Order(StringComparer.Ordinal).Where((_, i) => i % 40 == 0).ToList();

        foreach (var page in pages)
        {
            var (_, chunks) = Read(Path.GetFileName(page));

            Assert.NotEmpty(chunks);
            Assert.All(chunks, c => Assert.InRange(c.Tokens, 1, ChunkingPolicy.Default.MaxTokens));
        }
    }

    [SkippableFact]
    public void Different_manual_pages_are_not_near_duplicates_of_each_other()
    {
        var fingerprints = DistinctPages
            .Select(page => SimHash.Compute(string.Join(' ', Read(page).Document.Blocks.Select(b => b.Text))))
            .ToList();

        for (var i = 0; i < fingerprints.Count; i++)
        {
            for (var j = i + 1; j < fingerprints.Count; j++)
            {
                Assert.False(SimHash.AreNearDuplicates(fingerprints[i], fingerprints[j]), $"pages {i} and {j} are {SimHash.Distance(fingerprints[i], fingerprints[j])} bits apart");
            }
        }
    }
}
