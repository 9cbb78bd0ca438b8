namespace AiFlow.Web.Features.Review;

/// <summary>A choice in a filter drop-down.</summary>
public sealed record ReviewOption(Guid Id, string Name);
