namespace AiFlow.Domain.Runs;

/// <summary>
/// The bulky text of one step attempt: the prompt as rendered and the model's raw response. Kept apart from
/// <see cref="StepRun"/> in a table partitioned by month on <see cref="CreatedAt"/> (ADR 0038), so retention drops a
/// month of it whole while the step run's facts (status, tokens, cost, latency) stay. One row per step run, written
/// when the attempt completes; none when it produced neither text, or after both were purged.
/// </summary>
public class StepRunText
{
    public Guid StepRunId { get; set; }
    /// <summary>When the attempt completed: the partition key.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    public string? RenderedPrompt { get; set; }
    public string? RawResponse { get; set; }
}
