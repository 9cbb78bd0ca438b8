using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Web.Features.Pipelines.Authoring;
using AiFlow.Web.Features.Pipelines.Editor;

namespace AiFlow.Tests.Web.Pipelines;

public class FieldChangeTextTests
{
    private static readonly Guid V1 = Guid.NewGuid();
    private static readonly Guid V2 = Guid.NewGuid();

    private static readonly AuthoringCatalog Catalog = new(
        [new StepOption(V1, "classify", "Classify", 1, "Llm", null), new StepOption(V2, "classify", "Classify", 2, "Llm", null)], []);

    [Fact]
    public void A_changed_step_version_is_named_old_to_new_by_its_label()
    {
        Assert.Equal("step: classify v1 → classify v2", FieldChangeText.Describe(new FieldChange("StepVersionId", V1.ToString(), V2.ToString()), Catalog));
    }

    [Fact]
    public void A_value_that_was_not_set_reads_as_none()
    {
        Assert.Equal("condition: (none) → ir.a.x > 1", FieldChangeText.Describe(new FieldChange("Condition", null, "ir.a.x > 1"), Catalog));
        Assert.Equal("retries: 1 → 3", FieldChangeText.Describe(new FieldChange("Retries", "1", "3"), Catalog));
    }
}
