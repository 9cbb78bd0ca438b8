using AiFlow.Domain.Prompts;
using AiFlow.Infrastructure.Prompts;

namespace AiFlow.Tests.Infrastructure.Prompts;

public sealed class PromptVariantSelectorTests
{
    private static PromptTemplateVersion Version(params PromptVariant[] variants) => new() { Template = "base {{ input.text }}", Variants = [.. variants] };

    [Fact]
    public void A_version_without_variants_uses_its_own_template()
    {
        var selected = PromptVariantSelector.Select(Version(), Guid.NewGuid());
        Assert.Null(selected.Variant);
        Assert.Equal("base {{ input.text }}", selected.Template);
    }

    [Fact]
    public void The_same_run_always_gets_the_same_variant()
    {
        var version = Version(new PromptVariant("A", "a", 1), new PromptVariant("B", "b", 1));
        foreach (var runId in Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()))
        {
            var first = PromptVariantSelector.Select(version, runId);
            Assert.All(Enumerable.Range(0, 5), _ => Assert.Equal(first, PromptVariantSelector.Select(version, runId)));
        }
    }

    [Fact]
    public void Assignment_follows_the_weights_across_many_runs()
    {
        var version = Version(new PromptVariant("A", "a", 3), new PromptVariant("B", "b", 1));
        var runs = Enumerable.Range(0, 4000).Select(i => new Guid(i, 7, 7, 1, 2, 3, 4, 5, 6, 7, 8)).ToList();

        var shareA = runs.Count(r => PromptVariantSelector.Select(version, r).Variant == "A") / (double)runs.Count;

        Assert.InRange(shareA, 0.72, 0.78);
    }

    [Fact]
    public void A_zero_weight_variant_is_never_chosen()
    {
        var version = Version(new PromptVariant("off", "x", 0), new PromptVariant("on", "y", 1));
        Assert.All(Enumerable.Range(0, 200), _ => Assert.Equal("on", PromptVariantSelector.Select(version, Guid.NewGuid()).Variant));
    }

    [Fact]
    public void The_assignment_is_stable_across_processes_for_a_known_run_id()
    {
        var version = Version(new PromptVariant("A", "a", 1), new PromptVariant("B", "b", 1));
        var runId = Guid.Parse("0195f7a2-1c3b-7d4e-8f90-123456789abc");
        var point = PromptVariantSelector.Point(runId);
        Assert.Equal(point < 0.5 ? "A" : "B", PromptVariantSelector.Select(version, runId).Variant);
        Assert.Equal(point, PromptVariantSelector.Point(runId));
    }

    [Fact]
    public void The_node_key_is_part_of_the_seed_so_two_nodes_of_one_run_are_split_independently()
    {
        var version = Version(new PromptVariant("A", "a", 1), new PromptVariant("B", "b", 1));
        var runs = Enumerable.Range(0, 400).Select(i => new Guid(i, 3, 3, 1, 2, 3, 4, 5, 6, 7, 8)).ToList();

        var differing = runs.Count(r => PromptVariantSelector.Select(version, r, "extract").Variant != PromptVariantSelector.Select(version, r, "classify").Variant);

        // Independent 50/50 draws disagree about half the time; a seed ignoring the node would never disagree.
        Assert.InRange(differing, 150, 250);
        Assert.All(runs, r => Assert.Equal(PromptVariantSelector.Select(version, r, "extract"), PromptVariantSelector.Select(version, r, "extract")));
    }
}

