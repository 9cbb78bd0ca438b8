namespace AiFlow.Infrastructure.Judges;

/// <summary>An item where a judge and a person disagree: the step run (and its run, to open it), and what each said.</summary>
public sealed record JudgeDisagreement(Guid StepRunId, Guid PipelineRunId, Guid? ReviewItemId, double JudgeScore, string? JudgeCategory,
    int? HumanRating, string? HumanCategory);
