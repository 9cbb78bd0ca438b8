namespace AiFlow.Infrastructure.Steps;

/// <summary>
/// Something a step version may pin, as a picker shows it; <see cref="Detail"/> adds a hint (task type, variants, active).
/// An option of an archived prompt template or IR schema (<see cref="Archived"/>) still labels the versions that pin it,
/// but pickers no longer offer it (<see cref="StepCatalog.Offered"/>).
/// </summary>
public sealed record CatalogOption(Guid Id, string Label, string? Detail = null, bool Archived = false);
