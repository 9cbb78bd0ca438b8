using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Inference.Simulator;

namespace AiFlow.Tests.Infrastructure.Inference.Simulator;

public class SimulatorCitationAnswerTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(
        """{"type":"object","properties":{"answer":{"type":"string"},"citations":{"type":"array","items":{"type":"string"}}}}""").RootElement;

    private const string First = "0193a1b2-0000-7000-8000-000000000001";
    private const string Second = "0193a1b2-0000-7000-8000-000000000002";
    private const string Third = "0193a1b2-0000-7000-8000-000000000003";

    [Fact]
    public void An_answer_asked_for_citations_cites_the_first_two_quoted_chunks_and_answers_from_the_first()
    {
        var prompt = $"Answer from the context.\n[{First}] Backup › pg_dump (p. 3): pg_dump writes a consistent snapshot. It does not block.\n"
            + $"[{Second}] Backup › Restore: Use pg_restore for archives.\n[{Third}] Other: More.\nQuestion: how do I back up?";

        var answer = CitationAnswer.Apply(Schema, new JsonObject { ["answer"] = "lorem", ["citations"] = new JsonArray("made-up") }, prompt)!;

        Assert.Equal([First, Second], answer["citations"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("pg_dump writes a consistent snapshot.", answer["answer"]!.GetValue<string>());
    }

    [Fact]
    public void Without_quoted_chunks_or_a_citations_property_the_generated_answer_is_left_alone()
    {
        var generated = new JsonObject { ["answer"] = "lorem", ["citations"] = new JsonArray("x") };
        var other = JsonDocument.Parse("""{"type":"object","properties":{"answer":{"type":"string"}}}""").RootElement;

        Assert.Equal("""{"answer":"lorem","citations":["x"]}""", CitationAnswer.Apply(Schema, generated.DeepClone(), "No context here.")!.ToJsonString());
        Assert.Equal("""{"answer":"lorem"}""", CitationAnswer.Apply(other, new JsonObject { ["answer"] = "lorem" }, $"[{First}] A: b.")!.ToJsonString());
    }
}
