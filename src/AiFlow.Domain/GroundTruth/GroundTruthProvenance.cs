namespace AiFlow.Domain.GroundTruth;

/// <summary>Where an example came from: the run, step run, feedback and the people who decided.</summary>
public sealed class GroundTruthProvenance
{
    public Guid? PipelineRunId { get; set; }
    public Guid? StepRunId { get; set; }
    public List<Guid> FeedbackIds { get; set; } = [];
    public List<string> Reviewers { get; set; } = [];
    public double? Agreement { get; set; }
    public string Source { get; set; } = "curation";
}
