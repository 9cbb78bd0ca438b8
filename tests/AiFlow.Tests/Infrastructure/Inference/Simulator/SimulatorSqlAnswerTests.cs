using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Inference.Simulator;

namespace AiFlow.Tests.Infrastructure.Inference.Simulator;

public class SimulatorSqlAnswerTests
{
    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void A_schema_asking_for_sql_gets_a_count_over_the_first_view_of_the_prompt()
    {
        var answer = SqlAnswer.Apply(Schema("""{"type":"object","properties":{"sql":{"type":"string"}}}"""), new JsonObject { ["sql"] = "words" },
            "Views:\nCREATE VIEW report_runs (\n    run_id uuid\n);\nCREATE VIEW report_step_runs (\n    node_key text\n);\nQuestion: how many?");

        Assert.Equal("select count(*) as n from report_runs", answer!["sql"]!.GetValue<string>());
    }

    [Fact]
    public void A_sim_sql_line_in_the_prompt_is_answered_verbatim_and_other_schemas_are_left_alone()
    {
        var scripted = SqlAnswer.For("CREATE VIEW report_runs (x int);\nQuestion: sim-sql: select pg_sleep(5)\nThanks");
        var other = SqlAnswer.Apply(Schema("""{"type":"object","properties":{"answer":{"type":"string"}}}"""), new JsonObject { ["answer"] = "a" }, "sim-sql: drop table x");

        Assert.Equal("select pg_sleep(5)", scripted);
        Assert.Equal("""{"answer":"a"}""", other!.ToJsonString());
    }
}
