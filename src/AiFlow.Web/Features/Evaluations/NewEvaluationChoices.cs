namespace AiFlow.Web.Features.Evaluations;

/// <summary>One step's published version numbers (newest first), the one the active pipelines use (the default baseline), and its dataset versions (newest first).</summary>
public sealed record NewEvaluationChoices(IReadOnlyList<int> Versions, int? ActiveVersion, IReadOnlyList<DatasetChoice> Datasets);
