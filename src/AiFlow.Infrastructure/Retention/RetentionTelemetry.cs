using System.Diagnostics.Metrics;
using AiFlow.Infrastructure.Runs.Telemetry;

namespace AiFlow.Infrastructure.Retention;

/// <summary>Counters of what retention removed, on AiFlow's meter name so /metrics exports them with the rest.</summary>
public static class RetentionTelemetry
{
    private static readonly Meter Meter = new(RunTelemetry.Name);
    private static readonly Counter<long> Purged = Meter.CreateCounter<long>("aiflow.retention.purged", description: "Rows purged by retention, by kind of data");
    private static readonly Counter<long> PartitionsDropped = Meter.CreateCounter<long>("aiflow.retention.partitions_dropped", description: "Monthly partitions dropped by retention");

    public static void Record(Domain.Retention.RetentionRun run)
    {
        Add("raw_responses", run.RawResponses);
        Add("rendered_prompts", run.RenderedPrompts);
        Add("ir_artifacts", run.IrArtifacts);
        Add("request_logs", run.RequestLogs);
        Add("media_assets", run.MediaAssets);
        if (run.RequestLogPartitionsDropped > 0)
            PartitionsDropped.Add(run.RequestLogPartitionsDropped, new KeyValuePair<string, object?>("table", "ai_request_logs"));
        if (run.StepTextPartitionsDropped > 0)
            PartitionsDropped.Add(run.StepTextPartitionsDropped, new KeyValuePair<string, object?>("table", "step_run_texts"));
    }

    private static void Add(string kind, long rows)
    {
        if (rows > 0) Purged.Add(rows, new KeyValuePair<string, object?>("kind", kind));
    }
}
