namespace AiFlow.Web.Features.Steps;

/// <summary><c>POST /api/steps/{key}/versions/{n}/publish</c>, optional: the rowVersion read, so a publication over a later save is a conflict.</summary>
public sealed record StepPublishBody(uint? RowVersion);
