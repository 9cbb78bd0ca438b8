namespace AiFlow.Web.Features.Runs;

public sealed record PipelineSummary(string Key, string Name, IReadOnlyList<PipelineVersionSummary> Versions);
