namespace AiFlow.Web.Features.Runs.List;

public sealed record PipelineOption(Guid Id, string Key, IReadOnlyList<VersionOption> Versions);
