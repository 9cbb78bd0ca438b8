namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>One media id a step was given, with the place it came from ("input.imageIds[1]") for error messages.</summary>
public sealed record MediaReference(string Path, Guid Id);
