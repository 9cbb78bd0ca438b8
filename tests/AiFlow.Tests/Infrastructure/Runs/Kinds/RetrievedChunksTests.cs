using System.Text.Json.Nodes;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Infrastructure.Retrieval.Search;
using AiFlow.Infrastructure.Runs.Execution.Kinds;

namespace AiFlow.Tests.Infrastructure.Runs.Kinds;

public sealed class RetrievedChunksTests
{
    private static readonly Guid Chunk = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid Document = Guid.Parse("0193a000-0000-7000-8000-0000000000d1");

    [Fact]
    public void The_retrieval_ir_carries_each_chunk_with_its_citation_fields_and_every_rankers_score()
    {
        var ir = RetrievedChunks.ToIr("water filter", [new SearchHit(Chunk, Document, "fridge.pdf", "Care > Water filter", 12, "Turn the filter left.", 1, 0.81, null, null, 0.032, null)]);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$$"""
            {"query":"water filter","chunks":[{"id":"{{{Chunk}}}","text":"Turn the filter left.","document_id":"{{{Document}}}","document":"fridge.pdf",
              "heading_path":"Care > Water filter","page":12,"scores":{"vector":0.81,"text":null,"fused":0.032,"rerank":null}}]}
            """), ir), ir.ToJsonString());
    }

    [Fact]
    public void Chunks_come_from_ancestor_nodes_only_once_each_and_format_as_cited_lines()
    {
        var dag = new PipelineDag
        {
            Nodes =
            [
                new DagNode { Key = "a", StepVersionId = Guid.NewGuid() },
                new DagNode { Key = "b", StepVersionId = Guid.NewGuid(), DependsOn = ["a"] },
                new DagNode { Key = "side", StepVersionId = Guid.NewGuid() },
                new DagNode { Key = "answer", StepVersionId = Guid.NewGuid(), DependsOn = ["b"] },
            ],
        };
        var ir = new Dictionary<string, JsonNode?>
        {
            ["a"] = JsonNode.Parse("""{"chunks":[{"id":"c1","text":"Turn the filter\nleft.","heading_path":"Care > Water filter","page":12},{"id":"c2","text":"No heading."}]}"""),
            ["b"] = JsonNode.Parse("""{"chunks":[{"id":"c1","text":"again"},{"text":"no id"}]}"""),
            ["side"] = JsonNode.Parse("""{"chunks":[{"id":"c9","text":"not upstream"}]}"""),
        };

        var chunks = RetrievedChunks.Upstream(dag, "answer", ir);

        Assert.Equal(["c1", "c2"], chunks.Select(c => RetrievedChunks.Id(c)));
        Assert.Equal("[c1] Care > Water filter (p. 12): Turn the filter left.\n[c2]: No heading.\n", RetrievedChunks.Format(chunks));
    }
}
