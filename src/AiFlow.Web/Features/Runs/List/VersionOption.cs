namespace AiFlow.Web.Features.Runs.List;

public sealed record VersionOption(Guid Id, int Number, bool IsActive, bool IsDraft);
