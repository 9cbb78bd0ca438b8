using AiFlow.Domain.Pipelines.Dag;

namespace AiFlow.Domain.Runs.Scheduling;

/// <summary>
/// Decides, from the committed state of every node, which nodes are ready, which are skipped (all upstream skipped),
/// which fail because an upstream node failed, and whether the run is over. Pure: the engine, the tests and a
/// recovered worker all reach the same answer from the same state.
/// </summary>
public static class DagScheduler
{
    public static SchedulingDecision Decide(PipelineDag dag, IReadOnlyDictionary<string, NodeState> committed)
    {
        var states = new Dictionary<string, NodeState>(StringComparer.Ordinal);
        foreach (var node in dag.Nodes) states[node.Key] = committed.GetValueOrDefault(node.Key, NodeState.Pending);
        var byKey = dag.Nodes.ToDictionary(n => n.Key, StringComparer.Ordinal);
        var ready = new List<string>();
        var skip = new List<NodeVerdict>();
        var failUpstream = new List<NodeVerdict>();

        // Skips and upstream failures cascade, so settle them to a fixed point before choosing ready nodes.
        bool changed;
        do
        {
            changed = false;
            foreach (var node in dag.Nodes)
            {
                if (states[node.Key] != NodeState.Pending || node.DependsOn.Count == 0) continue;
                if (node.DependsOn.Any(d => !IsTerminal(states[d]))) continue;
                var failed = node.DependsOn.FirstOrDefault(d => states[d] == NodeState.Failed && !byKey[d].ContinueOnFail);
                if (failed is not null)
                {
                    states[node.Key] = NodeState.Failed;
                    failUpstream.Add(new NodeVerdict(node.Key, $"Upstream node '{failed}' failed."));
                    changed = true;
                }
                else if (node.DependsOn.All(d => states[d] == NodeState.Skipped))
                {
                    states[node.Key] = NodeState.Skipped;
                    skip.Add(new NodeVerdict(node.Key, "Every upstream node was skipped."));
                    changed = true;
                }
            }
        }
        while (changed);

        foreach (var node in dag.Nodes)
        {
            if (states[node.Key] == NodeState.Pending && node.DependsOn.All(d => IsTerminal(states[d]))) ready.Add(node.Key);
        }

        RunStatus? outcome = null;
        var active = states.Values.Any(s => s is NodeState.Running) || ready.Count > 0;
        if (!active)
        {
            if (states.Values.Any(s => s == NodeState.WaitingForReview)) outcome = RunStatus.WaitingForReview;
            else if (states.Values.All(IsTerminal))
            {
                outcome = dag.Nodes.Any(n => states[n.Key] == NodeState.Failed && !n.ContinueOnFail) ? RunStatus.Failed : RunStatus.Completed;
            }
        }
        return new SchedulingDecision(ready, skip, failUpstream, outcome);
    }

    public static bool IsTerminal(NodeState state) => state is NodeState.Completed or NodeState.Failed or NodeState.Skipped;
}
