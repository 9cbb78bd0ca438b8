using AiFlow.Domain.Common;

namespace AiFlow.Domain.Retrieval.Gold;

/// <summary>
/// A reviewer's judgement of one chunk a retrieval step run returned: relevant to the query it searched with, or not.
/// Together these rows are a collection's gold retrieval set (the query text with its relevant and judged-irrelevant
/// chunks). One row per (step run, chunk); changing the judgement updates the row, and the audit keeps the old one.
/// </summary>
public class GoldRetrievalLabel : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CollectionId { get; set; }
    public Guid PipelineRunId { get; set; }
    public Guid StepRunId { get; set; }
    /// <summary>The retrieval step version that ran; quality is reported per step version.</summary>
    public Guid StepVersionId { get; set; }
    public string NodeKey { get; set; } = "";
    /// <summary>The query exactly as the step sent it to the search (its IR's <c>query</c>).</summary>
    public string Query { get; set; } = "";
    /// <summary>The chunk's id as the step's IR names it.</summary>
    public string ChunkId { get; set; } = "";
    /// <summary>Where the step ranked the chunk, from 1.</summary>
    public int Rank { get; set; }
    public bool Relevant { get; set; }
    public string LabelledBy { get; set; } = "";
    public DateTimeOffset LabelledAt { get; set; }
    public uint Version { get; set; }
}
