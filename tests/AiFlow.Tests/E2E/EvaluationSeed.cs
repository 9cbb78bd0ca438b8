using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.E2E;

/// <summary>A step with ground truth and a dataset version to evaluate (see <see cref="EvaluationSetup"/>), and waiting for an evaluation to end.</summary>
public static class EvaluationSeed
{
    public static async Task<(string Key, Guid Definition)> AddStepWithTruthAsync(ConsoleFixture console, int cases)
    {
        var setup = await EvaluationSetup.AddStepWithTruthAsync(console, cases);
        return (setup.StepKey, setup.StepDefinition);
    }

    public static async Task<JsonNode> WaitForAsync(HttpClient client, Guid id)
    {
        for (var i = 0; i < 300; i++)
        {
            var evaluation = (await client.GetFromJsonAsync<JsonNode>(new Uri($"/api/evaluations/{id}", UriKind.Relative)))!;
            if (evaluation["status"]!.GetValue<string>() is "Completed" or "Failed" or "Cancelled") return evaluation;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Evaluation {id} did not finish within 30 s.");
    }
}
