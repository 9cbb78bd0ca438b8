namespace AiFlow.Domain.Pipelines.Dag;

public sealed record NodePosition(double X, double Y);
