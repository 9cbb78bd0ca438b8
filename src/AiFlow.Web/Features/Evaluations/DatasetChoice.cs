namespace AiFlow.Web.Features.Evaluations;

/// <summary>A dataset version as the New evaluation dialog lists it.</summary>
public sealed record DatasetChoice(int Number, int ExampleCount, string Source, DateTimeOffset CreatedAt);
