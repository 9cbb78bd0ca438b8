using AiFlow.Domain.Retrieval;
using AiFlow.Infrastructure.Retrieval.Collections;
using AiFlow.Infrastructure.Retrieval.Ingestion;

namespace AiFlow.Tests.Infrastructure.Retrieval;

public class CollectionChecksTests
{
    [Theory]
    [InlineData("manuals")]
    [InlineData("product-manuals_2026")]
    [InlineData("0day")]
    public void A_key_of_lower_case_letters_digits_dashes_and_underscores_is_accepted(string key) => Assert.Null(CollectionChecks.Key(key));

    [Theory]
    [InlineData("")]
    [InlineData("Manuals")]
    [InlineData("product manuals")]
    [InlineData("-leading")]
    [InlineData("ümlaut")]
    [InlineData("a/b")]
    public void Any_other_key_is_refused_at_the_key_field(string key) => Assert.Equal("/key", CollectionChecks.Key(key)!.Field);

    [Fact]
    public void Settings_out_of_range_are_each_refused_at_their_field()
    {
        var problems = CollectionChecks.Settings(new CollectionSettings(Name: "", Dimensions: 4096, ChunkMaxTokens: 8, ChunkOverlapTokens: 100, DefaultEfSearch: 0),
            new Collection());

        Assert.Equal(["/name", "/dimensions", "/chunkMaxTokens", "/chunkOverlapTokens", "/defaultEfSearch"], problems.Select(p => p.Field));
    }

    [Fact]
    public void A_collections_defaults_pass_and_an_overlap_of_half_the_chunk_is_the_most_allowed()
    {
        Assert.Empty(CollectionChecks.Settings(new CollectionSettings(Name: "Manuals"), new Collection()));
        Assert.Empty(CollectionChecks.Settings(new CollectionSettings(Name: "Manuals", ChunkMaxTokens: 100, ChunkOverlapTokens: 50), new Collection()));
        Assert.Single(CollectionChecks.Settings(new CollectionSettings(Name: "Manuals", ChunkMaxTokens: 100, ChunkOverlapTokens: 51), new Collection()));
    }

    [Fact]
    public void An_upload_keeps_only_the_file_name_of_a_browser_path_and_normalises_tags()
    {
        Assert.Equal("manual.pdf", UploadChecks.CleanName(@"C:\Users\ada\manual.pdf"));
        Assert.Equal("manual.pdf", UploadChecks.CleanName("docs/manual.pdf"));
        Assert.Equal("https://example.com/a.html", UploadChecks.CleanName("https://example.com/a.html"));
        Assert.Equal(["rag", "evaluation"], UploadChecks.Words([" RAG", "evaluation", "rag", " "]));
    }

    [Fact]
    public void An_upload_with_no_files_or_too_many_bytes_is_refused_at_the_files_field()
    {
        var options = new IngestionOptions { MaxUploadBytes = 10 };

        Assert.Equal("/files", Assert.Single(UploadChecks.Files([], options)).Field);
        Assert.Equal("/files", Assert.Single(UploadChecks.Files([new IncomingFile("a.txt", new byte[11])], options)).Field);
        Assert.Equal("/files/0", Assert.Single(UploadChecks.Files([new IncomingFile("  ", new byte[1])], options)).Field);
    }
}
