using System.Text.Json.Nodes;
using AiFlow.Domain.Runs.Scheduling;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>A node's committed progress: what a recovered worker resumes from.</summary>
public sealed class NodeProgress
{
    public NodeState State { get; set; }
    /// <summary>Latest attempt number committed (0 when never started).</summary>
    public int Attempt { get; set; }
    /// <summary>An attempt that was running when its worker died: re-executed with the same idempotency key.</summary>
    public StepAttempt? InFlight { get; set; }
    public JsonNode? Ir { get; set; }
    public Dictionary<string, double> Metrics { get; set; } = [];
}
