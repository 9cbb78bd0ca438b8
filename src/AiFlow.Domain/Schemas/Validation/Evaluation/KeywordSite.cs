namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Where a keyword (or a boolean schema) lives: its pointer in its document and its absolute URI.</summary>
internal sealed record KeywordSite(string Name, string DocumentPointer, string AbsoluteLocation);
