using AiFlow.Domain.Steps;
using AiFlow.Web.Features.Pipelines.Bundles;

namespace AiFlow.Tests.Web.Pipelines.Bundles;

public class BundleImportPlanTests
{
    private static BundleTarget Target(Dictionary<BundleItemKey, TargetItem> items, Dictionary<string, StepKind>? kinds = null, bool route = true) =>
        new(items, kinds ?? [], route ? new HashSet<string> { BundleSamples.RouteName } : []);

    [Fact]
    public void An_empty_console_gets_every_item_created()
    {
        var bundle = new BundleSamples().Bundle();

        var plan = BundleImportPlan.Decide(bundle, Target([]));

        Assert.True(plan.CanImport);
        Assert.Equal(7, plan.Created.Count);
        Assert.True(plan.Creates(BundleSection.Version, bundle.Pipeline!.Key!, 1));
        Assert.Empty(plan.Reused);
    }

    [Fact]
    public void An_item_with_the_same_key_and_hash_is_reused_and_one_with_other_content_is_a_conflict_at_its_pointer()
    {
        var bundle = new BundleSamples().Bundle();
        var prompt = bundle.Prompts![0];
        var step = bundle.Steps![0];
        var items = new Dictionary<BundleItemKey, TargetItem>
        {
            [new(BundleSection.Prompt, prompt.Key!, 1)] = new(prompt.Hash!),
            [new(BundleSection.Step, step.Key!, 1)] = new(new string('0', 64)),
        };

        var plan = BundleImportPlan.Decide(bundle, Target(items));

        Assert.False(plan.CanImport);
        Assert.Contains("prompt t_extract_prompt v1", plan.Reused);
        var conflict = Assert.Single(plan.Conflicts);
        Assert.Equal("/steps/0", conflict.Pointer);
        Assert.Contains($"step {step.Key} v1", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_with_the_same_content_is_still_a_conflict_because_it_may_change()
    {
        var bundle = new BundleSamples().Bundle();
        var items = new Dictionary<BundleItemKey, TargetItem>
        {
            [new(BundleSection.Version, bundle.Pipeline!.Key!, 1)] = new(bundle.Version!.Hash!, "is a draft, which may still change"),
        };

        var plan = BundleImportPlan.Decide(bundle, Target(items));

        Assert.Equal("/version", Assert.Single(plan.Conflicts).Pointer);
    }

    [Fact]
    public void A_step_of_another_kind_and_a_missing_model_route_are_refused()
    {
        var bundle = new BundleSamples().Bundle();
        var extractAt = bundle.Steps!.FindIndex(s => s.ModelRoute is not null);
        var kinds = new Dictionary<string, StepKind> { [bundle.Steps![1 - extractAt].Key!] = StepKind.Transform };

        var plan = BundleImportPlan.Decide(bundle, Target([], kinds, route: false));

        Assert.Equal($"/steps/{1 - extractAt}/kind", Assert.Single(plan.Conflicts).Pointer);
        var missing = Assert.Single(plan.Missing);
        Assert.Equal($"/steps/{extractAt}/modelRoute", missing.Pointer);
        Assert.Contains(BundleSamples.RouteName, missing.Message, StringComparison.Ordinal);
    }
}
