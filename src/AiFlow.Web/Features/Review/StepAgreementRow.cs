namespace AiFlow.Web.Features.Review;

public sealed record StepAgreementRow(Guid StepVersionId, string StepKey, int Number, string Measure, double? Value, int Items);
