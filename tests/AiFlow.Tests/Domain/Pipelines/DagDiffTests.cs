using System.Text.Json.Nodes;
using AiFlow.Domain.Pipelines.Dag;

namespace AiFlow.Tests.Domain.Pipelines;

public class DagDiffTests
{
    private static readonly Guid StepA = Guid.NewGuid();
    private static readonly Guid StepB = Guid.NewGuid();

    private static DagNode Node(string key, params string[] dependsOn) => new() { Key = key, StepVersionId = StepA, DependsOn = [.. dependsOn] };

    [Fact]
    public void DagDiff_of_identical_graphs_is_empty()
    {
        var dag = new PipelineDag { Nodes = [Node("a"), Node("b", "a")] };
        var copy = new PipelineDag { Nodes = [Node("a"), Node("b", "a")] };

        Assert.True(DagDiff.Compare(dag, copy).IsEmpty);
    }

    [Fact]
    public void DagDiff_names_added_and_removed_nodes_with_their_edges()
    {
        var before = new PipelineDag { Nodes = [Node("a"), Node("b", "a")] };
        var after = new PipelineDag { Nodes = [Node("a"), Node("c", "a")] };

        var diff = DagDiff.Compare(before, after);

        Assert.Equal(["c"], diff.AddedNodes);
        Assert.Equal(["b"], diff.RemovedNodes);
        Assert.Equal([new DagEdge("a", "c")], diff.AddedEdges);
        Assert.Equal([new DagEdge("a", "b")], diff.RemovedEdges);
        Assert.Empty(diff.ChangedNodes);
    }

    [Fact]
    public void DagDiff_lists_the_fields_of_a_changed_node()
    {
        var before = new PipelineDag { Nodes = [Node("a"), Node("b", "a")] };
        var changed = Node("b");
        changed.StepVersionId = StepB;
        changed.Condition = "input.x > 1";
        changed.Retries = 2;
        changed.Params = new JsonObject { ["temperature"] = 0.2 };
        var after = new PipelineDag { Nodes = [Node("a"), changed] };

        var diff = DagDiff.Compare(before, after);

        var change = Assert.Single(diff.ChangedNodes);
        Assert.Equal("b", change.Key);
        Assert.Equal(["StepVersionId", "DependsOn", "Condition", "Retries", "Params"], change.Fields);
        Assert.Equal([new DagEdge("a", "b")], diff.RemovedEdges);
    }

    [Fact]
    public void DagDiff_gives_each_changed_fields_old_and_new_value()
    {
        var old = Node("b", "a");
        old.Retries = 1;
        old.Condition = "input.x > 1";
        var changed = Node("b");
        changed.Retries = 3;
        changed.TimeoutMs = 5000;
        changed.ContinueOnFail = true;
        changed.Params = new JsonObject { ["temperature"] = 0.2 };
        var diff = DagDiff.Compare(new PipelineDag { Nodes = [Node("a"), old] }, new PipelineDag { Nodes = [Node("a"), changed] });

        var change = Assert.Single(diff.ChangedNodes);
        Assert.Equal(
            [
                new FieldChange("DependsOn", "a", null),
                new FieldChange("Condition", "input.x > 1", null),
                new FieldChange("Retries", "1", "3"),
                new FieldChange("TimeoutMs", null, "5000"),
                new FieldChange("ContinueOnFail", "false", "true"),
                new FieldChange("Params", null, "{\"temperature\":0.2}"),
            ],
            change.Changes);
    }

    [Fact]
    public void DagDiff_ignores_the_order_of_dependencies_and_blank_conditions()
    {
        var before = new PipelineDag { Nodes = [Node("a"), Node("b"), Node("c", "a", "b")] };
        var reordered = Node("c", "b", "a");
        reordered.Condition = "  ";
        var after = new PipelineDag { Nodes = [Node("b"), Node("a"), reordered] };

        Assert.True(DagDiff.Compare(before, after).IsEmpty);
    }

    [Fact]
    public void DagDiff_treats_equal_params_as_unchanged()
    {
        var a = Node("a");
        a.Params = new JsonObject { ["k"] = 1 };
        var b = Node("a");
        b.Params = JsonNode.Parse("""{"k":1}""")!.AsObject();

        Assert.True(DagDiff.Compare(new PipelineDag { Nodes = [a] }, new PipelineDag { Nodes = [b] }).IsEmpty);
    }
}
