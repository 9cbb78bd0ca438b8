namespace AiFlow.Domain.Retention;

/// <summary>One pass of the retention job: what it removed per kind of data, kept for the status page and the API.</summary>
public class RetentionRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Step runs whose raw model response was purged (rows in dropped partitions are counted too).</summary>
    public long RawResponses { get; set; }
    /// <summary>Step runs whose rendered prompt was purged (rows in dropped partitions are counted too).</summary>
    public long RenderedPrompts { get; set; }
    /// <summary>IR artifacts of successful steps deleted.</summary>
    public long IrArtifacts { get; set; }
    /// <summary>Request-log rows deleted one by one (rows in dropped partitions are counted too).</summary>
    public long RequestLogs { get; set; }
    /// <summary>Monthly partitions of ai_request_logs dropped whole.</summary>
    public int RequestLogPartitionsDropped { get; set; }
    /// <summary>Monthly partitions of ai_request_logs created ahead (or to take in rows that had landed in the default one).</summary>
    public int RequestLogPartitionsCreated { get; set; }
    /// <summary>Monthly partitions of step_run_texts (rendered prompts and raw responses) dropped whole.</summary>
    public int StepTextPartitionsDropped { get; set; }
    /// <summary>Monthly partitions of step_run_texts created ahead (or to take in rows that had landed in the default one).</summary>
    public int StepTextPartitionsCreated { get; set; }
    /// <summary>Media assets marked deleted: uploads past their TTL that nothing refers to, and the assets derived from them.</summary>
    public long MediaAssets { get; set; }
    public string? Error { get; set; }
}
