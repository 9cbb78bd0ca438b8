namespace AiFlow.Infrastructure.Judges;

/// <summary>
/// An item where a judge and a person disagree: the step run (and its run, to open it), what each said, and where the
/// person's word came from (a review decision, or ground truth that holds exactly this output).
/// </summary>
public sealed record JudgeDisagreement(Guid StepRunId, Guid PipelineRunId, Guid? ReviewItemId, double JudgeScore, string? JudgeCategory,
    int? HumanRating, string? HumanCategory, JudgeLabelSource Source);
