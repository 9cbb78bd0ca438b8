using AiFlow.Domain.Common;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Steps;

namespace AiFlow.Domain.Pipelines;

/// <summary>A DAG of nodes. Drafts are editable; published versions are immutable; one version per pipeline is active.</summary>
public class PipelineVersion : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PipelineDefinitionId { get; set; }
    public PipelineDefinition? PipelineDefinition { get; set; }
    public int Number { get; set; }
    public VersionStatus Status { get; set; }
    public bool IsActive { get; set; }
    /// <summary>What the pipeline means: nodes and their runtime policy.</summary>
    public PipelineDag Dag { get; set; } = new();
    /// <summary>Where the designer draws the nodes; kept apart so moving a node never changes meaning.</summary>
    public DagLayout Layout { get; set; } = new();
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>What the publisher wrote about this version when publishing it; unlike <see cref="Notes"/> (where a version came from), a person's words.</summary>
    public string? ReleaseNotes { get; set; }
    public const int ReleaseNotesMaxLength = 4000;
    /// <summary>Set when an Admin activated this version past a refusing gate: the written reason, who and when, kept for good.</summary>
    public string? GateOverrideReason { get; set; }
    public string? GateOverriddenBy { get; set; }
    public DateTimeOffset? GateOverriddenAt { get; set; }
    public uint Version { get; set; }
}
