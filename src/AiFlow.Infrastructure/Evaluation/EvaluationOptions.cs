using System.ComponentModel.DataAnnotations;

namespace AiFlow.Infrastructure.Evaluation;

public sealed class EvaluationOptions
{
    public const string Section = "AiFlow:Evaluation";

    /// <summary>Cases in flight at once per evaluation; endpoints' own concurrency limits still apply on top.</summary>
    [Range(1, 256)] public int Parallelism { get; set; } = 8;

    /// <summary>Results written per commit: progress moves in steps of this size, and a crash redoes at most this many cases.</summary>
    [Range(1, 1000)] public int BatchSize { get; set; } = 20;

    /// <summary>How much a metric may get worse between two scheduled evaluations of a step before it counts as a regression.</summary>
    [Range(0, 1)] public double RegressionTolerance { get; set; } = 0.05;
}
