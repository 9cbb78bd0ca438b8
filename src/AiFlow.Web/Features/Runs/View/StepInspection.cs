using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Retrieval.Gold;

namespace AiFlow.Web.Features.Runs.View;

/// <summary>Everything recorded about one step attempt, for the inspector.</summary>
public sealed record StepInspection(Guid Id, string NodeKey, int Attempt, StepRunStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    int? LatencyMs, string? Model, string? Endpoint, int TokensIn, int TokensOut, decimal CostUsd, string? Error,
    string? InputJson, string ParamsJson, string? RenderedPrompt, string? RawResponse, string? IrJson, bool? IrValid,
    IReadOnlyList<IrValidationError> IrErrors, IReadOnlyList<MetricDetails> Metrics, IReadOnlyList<ReviewDetails> Reviews,
    IReadOnlyList<OutputLinkDetails> Links)
{
    /// <summary>The prompt template version the attempt rendered (e.g. <c>extract_fields v2</c>) and its A/B variant, if any.</summary>
    public string? Prompt { get; init; }

    public string? PromptVariant { get; init; }

    /// <summary>Fields the redaction policy changed before they were stored.</summary>
    public IReadOnlyList<RedactionNote> Redactions { get; init; } = [];

    /// <summary>A retrieval step's query and chunks, best first.</summary>
    public string? RetrievalQuery { get; init; }

    public IReadOnlyList<RetrievedChunkView> Retrieved { get; init; } = [];

    /// <summary>Reviewers' current judgements of the retrieved chunks (the gold retrieval set), by chunk id.</summary>
    public IReadOnlyDictionary<string, ChunkLabel> ChunkLabels { get; init; } = new Dictionary<string, ChunkLabel>();

    /// <summary>The collection a retrieval step searched, for links to its documents.</summary>
    public string? Collection { get; init; }

    /// <summary>What a step that declares <c>citations</c> cites, each with the retrieved chunk it names.</summary>
    public IReadOnlyList<CitationView> Citations { get; init; } = [];
}
