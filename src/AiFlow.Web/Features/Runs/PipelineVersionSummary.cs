namespace AiFlow.Web.Features.Runs;

public sealed record PipelineVersionSummary(int Number, string Status, bool IsActive);
