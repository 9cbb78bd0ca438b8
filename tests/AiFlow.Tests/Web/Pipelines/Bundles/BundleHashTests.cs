using System.Text.Json.Nodes;
using AiFlow.Web.Features.Pipelines.Bundles;

namespace AiFlow.Tests.Web.Pipelines.Bundles;

public class BundleHashTests
{
    private static BundleStep Step(string paramsJson, string name = "Extract") =>
        new("t_extract", 1, name, AiFlow.Domain.Steps.StepKind.StructuredLlm, new BundleRef("p", 1), null, null, "route", AiFlow.Domain.Schemas.ValidationMode.Log,
            JsonNode.Parse(paramsJson)!.AsObject(), 0.1, null, ["a"], 1, 5, false, 10, null);

    [Fact]
    public void A_step_hashes_the_same_whatever_the_order_and_spacing_of_its_params()
    {
        var a = BundleHash.Of(Step("""{"temperature":0.2,"nested":{"b":1,"a":[1,2]}}"""));
        var b = BundleHash.Of(Step("""{ "nested": { "a": [1, 2], "b": 1 }, "temperature": 0.2 }"""));

        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{64}$", a);
    }

    [Fact]
    public void A_step_hash_changes_with_its_content_but_not_with_its_label_or_its_own_hash()
    {
        var original = Step("""{"temperature":0.2}""");
        var hash = BundleHash.Of(original);

        Assert.NotEqual(hash, BundleHash.Of(Step("""{"temperature":0.3}""")));
        Assert.NotEqual(hash, BundleHash.Of(original with { Prompt = new BundleRef("p", 2) }));
        Assert.Equal(hash, BundleHash.Of(Step("""{"temperature":0.2}""", name: "Renamed")));
        Assert.Equal(hash, BundleHash.Of(original with { Hash = "anything" }));
        Assert.NotEqual(hash, BundleHash.Of(original with { Importance = AiFlow.Domain.Inference.CallImportance.High }));
        Assert.NotEqual(hash, BundleHash.Of(original with { CostSensitive = true }));
    }

    [Fact]
    public void A_version_hash_covers_its_nodes_and_not_its_notes_or_drawing()
    {
        var bundle = new BundleSamples().Bundle();
        var version = bundle.Version!;
        var hash = BundleHash.Of(version);

        Assert.Equal(hash, BundleHash.Of(version with { Notes = "other notes", Layout = new() }));
        Assert.NotEqual(hash, BundleHash.Of(version with { Nodes = [.. version.Nodes!.Select(n => n with { Retries = n.Retries + 1 })] }));
    }

    [Fact]
    public void A_pipeline_hash_covers_its_input_schema_and_not_its_name()
    {
        var pipeline = new BundleSamples().Bundle().Pipeline!;
        var hash = BundleHash.Of(pipeline);

        Assert.Equal(hash, BundleHash.Of(pipeline with { Name = "Another name", Description = "text" }));
        Assert.NotEqual(hash, BundleHash.Of(pipeline with { InputSchema = JsonNode.Parse("""{"type":"object"}""") }));
    }

    [Fact]
    public void An_exported_bundle_written_and_read_back_passes_its_checks_with_the_same_hashes()
    {
        var bundle = new BundleSamples().Bundle();

        var read = BundleFile.Read(BundleFile.Write(bundle), out var issue);

        Assert.Null(issue);
        Assert.Empty(BundleChecks.Find(read!));
        Assert.Equal(bundle.Steps!.Select(s => s.Hash), read!.Steps!.Select(BundleHash.Of));
        Assert.Equal(bundle.Version!.Hash, BundleHash.Of(read.Version!));
        Assert.Contains("c'est ça", BundleFile.Write(bundle), StringComparison.Ordinal);
    }
}
