using AiFlow.Domain.Common;

namespace AiFlow.Domain.Evaluation;

/// <summary>
/// What a pipeline version must show before it may go live: for each step version that differs from the active pipeline
/// version's, a completed evaluation on the step's newest dataset version (narrowed to <see cref="Tag"/>) with at least
/// <see cref="MinCases"/> cases, meeting every rule; or, when <see cref="EndToEnd"/>, one completed end-to-end evaluation
/// of the pipeline version on the pipeline's newest dataset version, each rule applied to every node the cases check.
/// A pipeline without a policy is not gated.
/// </summary>
public class GatePolicy : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PipelineDefinitionId { get; set; }
    public List<GateRule> Rules { get; set; } = [];
    public int MinCases { get; set; } = 10;
    public string? Tag { get; set; }
    /// <summary>Judge the pipeline version end to end (on the pipeline's own dataset) instead of each changed step in isolation.</summary>
    public bool EndToEnd { get; set; }
    /// <summary>
    /// The agreement with people (kappa or Spearman's ρ) a judge's current version must reach before its metric may count
    /// in <see cref="Rules"/>, and on how many human-judged items at least.
    /// </summary>
    public double JudgeMinAgreement { get; set; } = JudgeBar.Default.MinAgreement;
    public int JudgeMinItems { get; set; } = JudgeBar.Default.MinItems;
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public uint Version { get; set; }
}
