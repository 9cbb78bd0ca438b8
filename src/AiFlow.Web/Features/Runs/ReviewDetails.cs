namespace AiFlow.Web.Features.Runs;

public sealed record ReviewDetails(Guid Id, string Reason, string Status);
