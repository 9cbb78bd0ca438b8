using System.Globalization;
using AiFlow.Domain.Runs;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>Turns a test run's node states into the island's overlay: a status class and a caption per node.</summary>
public static class TestRunOverlay
{
    public sealed record Overlay(Dictionary<string, string> Nodes, Dictionary<string, string> Edges, Dictionary<string, string> Captions);

    public static Overlay Build(IEnumerable<TestRunNodeState> states, IEnumerable<(string Source, string Target)> edges)
    {
        var latest = states.GroupBy(s => s.NodeKey).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Attempt)!, StringComparer.Ordinal);
        var nodes = latest.ToDictionary(p => p.Key, p => p.Value.Status.ToString().ToLowerInvariant(), StringComparer.Ordinal);
        var captions = latest.ToDictionary(p => p.Key, p => Caption(p.Value), StringComparer.Ordinal);
        // An edge runs while its target runs, so the flow of work is visible on the canvas.
        var running = edges.Where(e => latest.TryGetValue(e.Target, out var t) && t.Status == StepRunStatus.Running)
            .ToDictionary(e => $"{e.Source}->{e.Target}", _ => "running", StringComparer.Ordinal);
        return new Overlay(nodes, running, captions);
    }

    public static string Caption(TestRunNodeState state)
    {
        var parts = new List<string> { state.Status switch
        {
            StepRunStatus.WaitingForReview => "waiting for review",
            _ => state.Status.ToString().ToLowerInvariant(),
        } };
        if (state.Attempt > 1) parts.Add($"attempt {state.Attempt}");
        if (state.IrValid is { } valid) parts.Add(valid ? "IR valid" : "IR invalid");
        if (state.LatencyMs is { } ms) parts.Add(ms.ToString(CultureInfo.InvariantCulture) + " ms");
        return string.Join(" · ", parts);
    }
}
