namespace AiFlow.Domain.Pipelines.Dag;

/// <summary>Judges a pipeline DAG: every rejection names the nodes involved. Pure, so the editor, the API and the engine agree.</summary>
public static class DagValidator
{
    public static DagValidationResult Validate(PipelineDag dag, Func<Guid, bool>? stepVersionExists = null)
    {
        var issues = new List<DagIssue>();
        if (dag.Nodes.Count == 0)
        {
            issues.Add(new DagIssue(DagIssueKind.Empty, "The pipeline has no nodes.", []));
            return new DagValidationResult(issues, []);
        }

        var byKey = new Dictionary<string, DagNode>(StringComparer.Ordinal);
        foreach (var node in dag.Nodes)
        {
            if (string.IsNullOrWhiteSpace(node.Key))
            {
                issues.Add(new DagIssue(DagIssueKind.MissingKey, "A node has no key.", []));
                continue;
            }
            if (!byKey.TryAdd(node.Key, node))
            {
                issues.Add(new DagIssue(DagIssueKind.DuplicateKey, $"Node key '{node.Key}' is used more than once.", [node.Key]));
            }
            CheckPolicy(node, stepVersionExists, issues);
        }

        foreach (var node in byKey.Values)
        {
            foreach (var dep in node.DependsOn)
            {
                if (dep == node.Key)
                {
                    issues.Add(new DagIssue(DagIssueKind.SelfDependency, $"Node '{node.Key}' depends on itself.", [node.Key]));
                }
                else if (!byKey.ContainsKey(dep))
                {
                    issues.Add(new DagIssue(DagIssueKind.UnknownDependency,
                        $"Node '{node.Key}' depends on '{dep}', which is not a node of this pipeline.", [node.Key, dep]));
                }
            }
        }

        var order = TopologicalSort(byKey, out var cycle);
        if (cycle.Count > 0)
        {
            issues.Add(new DagIssue(DagIssueKind.Cycle, $"The graph has a cycle: {string.Join(" → ", cycle)}.", cycle.Distinct().ToList()));
        }
        return new DagValidationResult(issues, issues.Count == 0 ? order : []);
    }

    private static void CheckPolicy(DagNode node, Func<Guid, bool>? stepVersionExists, List<DagIssue> issues)
    {
        if (stepVersionExists is not null && !stepVersionExists(node.StepVersionId))
        {
            issues.Add(new DagIssue(DagIssueKind.UnknownStepVersion,
                $"Node '{node.Key}' uses step version {node.StepVersionId}, which does not exist.", [node.Key]));
        }
        if (node.Retries < 0)
        {
            issues.Add(new DagIssue(DagIssueKind.NegativeRetries, $"Node '{node.Key}' has retries {node.Retries}; it must be 0 or more.", [node.Key]));
        }
        if (node.TimeoutMs is <= 0)
        {
            issues.Add(new DagIssue(DagIssueKind.InvalidTimeout, $"Node '{node.Key}' has timeoutMs {node.TimeoutMs}; it must be positive.", [node.Key]));
        }
    }

    // Kahn's algorithm in declaration order, so the order is stable for the same graph.
    private static List<string> TopologicalSort(Dictionary<string, DagNode> byKey, out List<string> cycle)
    {
        var indegree = byKey.Keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        var dependants = byKey.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var node in byKey.Values)
        {
            foreach (var dep in node.DependsOn.Distinct(StringComparer.Ordinal))
            {
                if (dep == node.Key || !byKey.ContainsKey(dep)) continue;
                indegree[node.Key]++;
                dependants[dep].Add(node.Key);
            }
        }

        var ready = new Queue<string>(byKey.Keys.Where(k => indegree[k] == 0));
        var order = new List<string>(byKey.Count);
        while (ready.Count > 0)
        {
            var key = ready.Dequeue();
            order.Add(key);
            foreach (var next in dependants[key])
            {
                if (--indegree[next] == 0) ready.Enqueue(next);
            }
        }

        cycle = order.Count == byKey.Count ? [] : FindCycle(byKey, indegree.Where(p => p.Value > 0).Select(p => p.Key).ToHashSet());
        return order;
    }

    // Walks dependencies among the unsorted nodes until one repeats; that loop is the cycle to name.
    private static List<string> FindCycle(Dictionary<string, DagNode> byKey, HashSet<string> remaining)
    {
        var path = new List<string>();
        var seenAt = new Dictionary<string, int>(StringComparer.Ordinal);
        var current = remaining.First();
        while (!seenAt.ContainsKey(current))
        {
            seenAt[current] = path.Count;
            path.Add(current);
            current = byKey[current].DependsOn.First(d => remaining.Contains(d) && d != current);
        }
        var loop = path.Skip(seenAt[current]).Reverse().ToList();
        loop.Add(loop[0]);
        return loop;
    }
}
