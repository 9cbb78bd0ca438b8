namespace AiFlow.Domain.Steps;

/// <summary>Which settings each step kind uses: the editor shows only these, and a version setting any other is refused.</summary>
public static class StepKindFields
{
    private static readonly StepField[] ModelCall =
        [StepField.PromptTemplate, StepField.ModelRoute, StepField.Params, StepField.IrSchema, StepField.ValidationMode,
         StepField.MetricProfile, StepField.ReviewSampling, StepField.Guidelines];

    public static IReadOnlyList<StepField> For(StepKind kind) => kind switch
    {
        StepKind.StructuredLlm or StepKind.Vision or StepKind.SqlQuery => ModelCall,
        StepKind.Transcription or StepKind.Embedding => [StepField.ModelRoute, StepField.Params, StepField.MetricProfile],
        StepKind.Retrieval => [StepField.Params, StepField.MetricProfile],
        StepKind.Transform =>
            [StepField.Params, StepField.IrSchema, StepField.ValidationMode, StepField.MetricProfile, StepField.ReviewSampling, StepField.Guidelines],
        StepKind.HumanReview => [StepField.Params, StepField.IrSchema, StepField.ValidationMode, StepField.Guidelines],
        StepKind.Evaluation => [StepField.Params, StepField.MetricProfile],
        _ => [],
    };

    public static bool Uses(StepKind kind, StepField field) => For(kind).Contains(field);

    /// <summary>Model calls need a prompt to send; every other kind can be published with what it has.</summary>
    public static bool NeedsPrompt(StepKind kind) => kind is StepKind.StructuredLlm or StepKind.Vision or StepKind.SqlQuery;
}
