using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;

namespace AiFlow.Tests.Domain.Steps;

public class StepVersionChecksTests
{
    [Fact]
    public void A_structured_llm_step_uses_every_setting_and_a_retrieval_step_only_params_and_metrics()
    {
        Assert.Equal(Enum.GetValues<StepField>(), StepKindFields.For(StepKind.StructuredLlm));
        Assert.Equal([StepField.Params, StepField.MetricProfile], StepKindFields.For(StepKind.Retrieval));
        Assert.True(StepKindFields.Uses(StepKind.HumanReview, StepField.Guidelines));
        Assert.False(StepKindFields.Uses(StepKind.Transform, StepField.PromptTemplate));
    }

    [Fact]
    public void Sensible_settings_for_an_llm_step_pass_and_publishing_needs_a_prompt()
    {
        var draft = new StepVersionDraft
        {
            IrSchemaVersionId = Guid.NewGuid(), ValidationMode = ValidationMode.Enforce, ParamsJson = """{"temperature":0.2,"max_tokens":512,"outputLinks":[{"targetType":"tickets","idPath":"ticket_id"}]}""",
            ReviewSamplingRate = 0.1, Guidelines = "## Check\n- every field",
        };

        Assert.Empty(StepVersionChecks.Check(StepKind.StructuredLlm, draft));
        Assert.Equal(["A structured LLM step needs a prompt template version before it can be published."], StepVersionChecks.CheckForPublish(StepKind.StructuredLlm, draft));
        draft.PromptTemplateVersionId = Guid.NewGuid();
        Assert.Empty(StepVersionChecks.CheckForPublish(StepKind.StructuredLlm, draft));
    }

    [Fact]
    public void Settings_the_kind_does_not_use_are_refused_by_name()
    {
        var problems = StepVersionChecks.Check(StepKind.Retrieval, new StepVersionDraft { PromptTemplateVersionId = Guid.NewGuid(), ReviewSamplingRate = 0.5 });

        Assert.Contains("A retrieval step does not use a prompt template; leave it empty.", problems);
        Assert.Contains("A retrieval step does not use review sampling; leave it empty.", problems);
    }

    [Theory]
    [InlineData("""{"temperature": 0.2""", "Parameters are not valid JSON (line 1")]
    [InlineData("[1,2]", "Parameters must be a JSON object")]
    [InlineData("""{"temperature":"hot"}""", "'temperature' must be a number from 0 to 2")]
    [InlineData("""{"temperature":3}""", "'temperature' must be a number from 0 to 2")]
    [InlineData("""{"max_tokens":1.5}""", "'max_tokens' must be a whole number")]
    [InlineData("""{"template":42}""", "'template' must be a string")]
    [InlineData("""{"outputLinks":[{"targetType":"tickets"}]}""", "outputLinks[0] needs 'idPath' as a string")]
    [InlineData("""{"outputLinks":{"targetType":"tickets","idPath":"id"}}""", "Parameter 'outputLinks' must be an array")]
    public void Bad_parameters_get_a_specific_message(string json, string expected)
    {
        var problem = Assert.Single(StepVersionChecks.Check(StepKind.StructuredLlm, new StepVersionDraft { ParamsJson = json }));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_review_sampling_rate_outside_zero_to_one_is_refused(double rate)
    {
        var problem = Assert.Single(StepVersionChecks.Check(StepKind.Transform, new StepVersionDraft { ReviewSamplingRate = rate }));
        Assert.StartsWith("Review sampling rate must be between 0 and 1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Enforcing_validation_without_a_schema_is_refused()
    {
        var problem = Assert.Single(StepVersionChecks.Check(StepKind.HumanReview, new StepVersionDraft { ValidationMode = ValidationMode.Enforce }));
        Assert.Equal("Validation mode enforce needs an IR schema version to enforce.", problem);
    }
}
