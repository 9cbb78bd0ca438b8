using AiFlow.Web.Features.Runs.List;

namespace AiFlow.Web.Features.Runs;

/// <summary>A pipeline as <c>GET /api/pipelines</c> shows it: no ids, the status as a word.</summary>
public sealed record PipelineSummary(string Key, string Name, IReadOnlyList<PipelineVersionSummary> Versions)
{
    public static PipelineSummary From(PipelineOption pipeline) => new(pipeline.Key, pipeline.Name,
        [.. pipeline.Versions.Select(v => new PipelineVersionSummary(v.Number, v.Status.ToString(), v.IsActive))]);
}
