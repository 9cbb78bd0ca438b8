using System.Text.Json.Nodes;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Web.Features.Pipelines.Authoring;
using AiFlow.Web.Features.Pipelines.Editor;

namespace AiFlow.Tests.Web.Pipelines;

public class EditorGraphTests
{
    private static readonly Guid Step = Guid.NewGuid();

    private static PipelineDag Chain() => new()
    {
        Nodes =
        [
            new DagNode { Key = "a", StepVersionId = Step },
            new DagNode { Key = "b", StepVersionId = Step, DependsOn = ["a"], Retries = 3, Condition = "ir.a.ok" },
            new DagNode { Key = "c", StepVersionId = Step, DependsOn = ["b"] },
        ],
    };

    [Fact]
    public void Merge_keeps_node_policy_rebuilds_dependencies_from_edges_and_keeps_positions_apart()
    {
        var canvas = new CanvasGraph(
            [new("a", Step, "s v1", 10, 20), new("b", Step, "s v1", 30, 40), new("d", Step, "s v1", 50, 60)],
            [new("a", "b"), new("b", "d")]);

        var (dag, layout) = EditorGraph.Merge(Chain(), canvas);

        Assert.Equal(["a", "b", "d"], dag.Nodes.Select(n => n.Key));
        var b = dag.Nodes[1];
        Assert.Equal(3, b.Retries);
        Assert.Equal("ir.a.ok", b.Condition);
        Assert.Equal(["b"], dag.Nodes[2].DependsOn);
        Assert.Equal(new NodePosition(50, 60), layout.Positions["d"]);
    }

    [Fact]
    public void CheckEdge_refuses_an_edge_that_closes_a_cycle_and_names_it()
    {
        var refusal = EditorGraph.CheckEdge(Chain(), "c", "a", null, null);

        Assert.NotNull(refusal);
        Assert.Contains("cycle", refusal, StringComparison.Ordinal);
        Assert.Null(EditorGraph.CheckEdge(Chain(), "a", "c", null, null));
    }

    [Fact]
    public void CheckEdge_allows_reconnecting_the_edge_that_would_otherwise_close_the_cycle()
    {
        // Moving b→c to become c→b is only a cycle if b→c stays; the old edge is replaced.
        Assert.Null(EditorGraph.CheckEdge(Chain(), "c", "b", "b", "c"));
        Assert.NotNull(EditorGraph.CheckEdge(Chain(), "c", "b", null, null));
    }

    [Fact]
    public void ScopeOf_a_node_holds_its_ancestors_and_their_profile_metrics()
    {
        var profile = new ProfileOption(Guid.NewGuid(), "p", "P", ["field_f1"]);
        var catalog = new AuthoringCatalog([new StepOption(Step, "s", "S", 1, "StructuredLlm", profile.Id)], [profile]);

        var scope = PipelineChecks.ScopeOf(Chain(), "c", catalog);

        Assert.Equal(["a", "b"], scope.UpstreamNodes.Order());
        Assert.True(scope.KnowsMetric("a", "field_f1"));
        Assert.False(scope.KnowsMetric("a", "bleu"));
    }

    [Fact]
    public void Publishing_refuses_a_node_whose_params_declare_malformed_output_links_and_accepts_well_formed_or_null_ones()
    {
        var catalog = new AuthoringCatalog([new StepOption(Step, "s", "S", 1, "Transform", null)], []);
        var dag = Chain();
        dag.Nodes[0].Params = new JsonObject { ["outputLinks"] = JsonNode.Parse("""[{"targetType":"tickets","idPath":"ticket_id"}]""") };
        dag.Nodes[1].Condition = null;
        dag.Nodes[1].Params = new JsonObject { ["outputLinks"] = null };
        dag.Nodes[2].Params = new JsonObject { ["outputLinks"] = JsonNode.Parse("""[{"targetType":"tickets","idPath":"a..b"}]""") };

        var issue = Assert.Single(PipelineChecks.Validate(dag, catalog));

        Assert.Equal("Node 'c' params: outputLinks[0] 'idPath' \"a..b\" has an empty name at position 3.", issue.Message);
        Assert.Equal(["c"], issue.Nodes);
    }
}
