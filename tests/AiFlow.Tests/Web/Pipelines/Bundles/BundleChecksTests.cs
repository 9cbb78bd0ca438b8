using AiFlow.Web.Features.Pipelines.Bundles;

namespace AiFlow.Tests.Web.Pipelines.Bundles;

public class BundleChecksTests
{
    [Fact]
    public void A_format_1_export_is_refused_as_old_with_the_way_out()
    {
        var bundle = BundleFile.Read("""{"format":1,"pipeline":"x","name":"x","number":1,"dag":{"nodes":[]}}""", out var issue);

        Assert.Null(bundle);
        Assert.Equal("/format", issue!.Pointer);
        Assert.Contains("format-1 export", issue.Message, StringComparison.Ordinal);
        Assert.Contains("Export the version again", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_and_wrong_types_are_refused_with_a_pointer()
    {
        var broken = BundleFile.Read("{ \"format\": 2, ", out var brokenIssue);
        var text = BundleFile.Write(new BundleSamples().Bundle()).Replace("\"retries\": 2", "\"retries\": \"many\"", StringComparison.Ordinal);
        var wrongType = BundleFile.Read(text, out var typeIssue);
        var stringFormat = BundleFile.Read("""{"format":"2"}""", out var formatIssue);

        Assert.Null(broken);
        Assert.Contains("not a pipeline bundle", brokenIssue!.Message, StringComparison.Ordinal);
        Assert.Null(wrongType);
        Assert.Equal("/version/nodes/1/retries", typeIssue!.Pointer);
        Assert.Contains("whole number", typeIssue.Message, StringComparison.Ordinal);
        Assert.Null(stringFormat);
        Assert.Equal("/format", formatIssue!.Pointer);
    }

    [Fact]
    public void An_item_changed_after_export_is_refused_by_its_hash_with_a_pointer_to_it()
    {
        var bundle = new BundleSamples().Bundle();
        var edited = bundle with { Prompts = [bundle.Prompts![0] with { Template = "Changed by hand" }] };

        var issues = BundleChecks.Find(edited);

        var issue = Assert.Single(issues);
        Assert.Equal("/prompts/0/hash", issue.Pointer);
        Assert.Contains("does not match its content", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_to_an_item_the_bundle_lacks_is_named_with_its_pointer()
    {
        var bundle = new BundleSamples().Bundle();
        var extract = bundle.Steps!.Single(s => s.Prompt is not null);
        var withoutPrompt = bundle with { Prompts = [] };
        var withoutStep = bundle with { Steps = [extract] };

        var missingPrompt = BundleChecks.Find(withoutPrompt);
        var missingStep = BundleChecks.Find(withoutStep);

        Assert.Contains(missingPrompt, i => i.Pointer == $"/steps/{bundle.Steps!.IndexOf(extract)}/prompt" && i.Message.Contains("t_extract_prompt v1", StringComparison.Ordinal));
        Assert.Contains(missingStep, i => i.Pointer == "/version/nodes/1/step" && i.Message.Contains("t_bundle_classify v1", StringComparison.Ordinal));
    }
}
