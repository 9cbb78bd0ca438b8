namespace AiFlow.Web.Features.Runs.List;

/// <summary>A pipeline with its versions: the run list's filters, the start and replay pickers and <c>/api/pipelines</c>.</summary>
public sealed record PipelineOption(Guid Id, string Key, string Name, IReadOnlyList<VersionOption> Versions, string? InputSchemaJson = null);
