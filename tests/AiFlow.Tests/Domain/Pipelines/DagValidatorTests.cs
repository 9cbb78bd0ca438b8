using AiFlow.Domain.Pipelines.Dag;

namespace AiFlow.Tests.Domain.Pipelines;

public class DagValidatorTests
{
    private static readonly Guid Step = Guid.NewGuid();

    private static DagNode N(string key, params string[] dependsOn) => new() { Key = key, StepVersionId = Step, DependsOn = [.. dependsOn] };

    private static DagValidationResult Validate(params DagNode[] nodes) =>
        DagValidator.Validate(new PipelineDag { Nodes = [.. nodes] }, id => id == Step);

    [Fact]
    public void DagValidator_rejects_a_cycle_and_names_its_nodes()
    {
        var result = Validate(N("a"), N("b", "a", "d"), N("c", "b"), N("d", "c"));

        var issue = Assert.Single(result.Issues);
        Assert.Equal(DagIssueKind.Cycle, issue.Kind);
        Assert.Equal(["b", "c", "d"], issue.Nodes.Order());
        Assert.Contains("b", issue.Message);
        Assert.Empty(result.TopologicalOrder);
    }

    [Fact]
    public void DagValidator_rejects_a_node_that_depends_on_itself()
    {
        var issue = Assert.Single(Validate(N("a", "a")).Issues);
        Assert.Equal(DagIssueKind.SelfDependency, issue.Kind);
        Assert.Equal(["a"], issue.Nodes);
    }

    [Fact]
    public void DagValidator_rejects_an_unknown_dependency_naming_both_nodes()
    {
        var issue = Assert.Single(Validate(N("a"), N("b", "missing")).Issues);
        Assert.Equal(DagIssueKind.UnknownDependency, issue.Kind);
        Assert.Equal(["b", "missing"], issue.Nodes);
        Assert.Contains("'missing'", issue.Message);
    }

    [Fact]
    public void DagValidator_rejects_a_duplicate_key()
    {
        var issue = Assert.Single(Validate(N("a"), N("a")).Issues);
        Assert.Equal(DagIssueKind.DuplicateKey, issue.Kind);
        Assert.Equal(["a"], issue.Nodes);
    }

    [Fact]
    public void DagValidator_rejects_an_unknown_step_version()
    {
        var node = N("a");
        node.StepVersionId = Guid.NewGuid();
        var issue = Assert.Single(Validate(node).Issues);
        Assert.Equal(DagIssueKind.UnknownStepVersion, issue.Kind);
        Assert.Contains(node.StepVersionId.ToString(), issue.Message);
    }

    [Fact]
    public void DagValidator_rejects_negative_retries_and_a_non_positive_timeout()
    {
        var retries = N("r");
        retries.Retries = -1;
        var timeout = N("t");
        timeout.TimeoutMs = -5;

        var issues = Validate(retries, timeout).Issues;

        Assert.Contains(issues, i => i.Kind == DagIssueKind.NegativeRetries && i.Nodes.SequenceEqual(["r"]));
        Assert.Contains(issues, i => i.Kind == DagIssueKind.InvalidTimeout && i.Nodes.SequenceEqual(["t"]));
    }

    [Fact]
    public void DagValidator_rejects_an_empty_pipeline()
    {
        Assert.Equal(DagIssueKind.Empty, Assert.Single(Validate().Issues).Kind);
    }

    [Fact]
    public void DagValidator_accepts_a_diamond_and_orders_the_join_last()
    {
        var result = Validate(N("split"), N("left", "split"), N("right", "split"), N("join", "left", "right"));

        Assert.True(result.IsValid);
        Assert.Equal("split", result.TopologicalOrder[0]);
        Assert.Equal("join", result.TopologicalOrder[^1]);
    }

    [Fact]
    public void DagValidator_accepts_a_fan_out_with_parallel_groups_in_dependency_order()
    {
        var workers = Enumerable.Range(1, 5).Select(i =>
        {
            var n = N($"w{i}", "source");
            n.ParallelGroup = i % 2 == 0 ? "gpu" : "cpu";
            return n;
        }).ToArray();

        var result = Validate([N("source"), .. workers, N("sink", "w1", "w2", "w3", "w4", "w5")]);

        Assert.True(result.IsValid);
        Assert.Equal(7, result.TopologicalOrder.Count);
        var position = result.TopologicalOrder.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i);
        Assert.All(workers, w => Assert.True(position["source"] < position[w.Key] && position[w.Key] < position["sink"]));
    }

    [Fact]
    public void DagValidator_reports_every_problem_at_once()
    {
        var bad = N("b", "ghost");
        bad.Retries = -2;
        var result = Validate(N("a"), N("a"), bad);

        Assert.Equal(3, result.Issues.Count);
    }
}
