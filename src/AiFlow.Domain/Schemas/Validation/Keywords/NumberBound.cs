namespace AiFlow.Domain.Schemas.Validation;

/// <summary>One numeric bound with the site of the keyword that declared it (for error locations).</summary>
internal sealed record NumberBound(KeywordSite Site, JsonNumber Limit, bool IsMinimum, bool Exclusive);
