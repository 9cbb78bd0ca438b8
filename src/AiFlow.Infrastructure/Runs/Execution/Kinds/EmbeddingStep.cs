using System.Text.Json.Nodes;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Prompts;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// Embeds the text its <c>text</c> parameter renders (over the input and upstream IR) through the step's route, or the
/// "embedding" route when it pins none; the IR is <c>{"model","dimensions","embedding":[...]}</c>.
/// </summary>
public sealed class EmbeddingStep(IInferenceGateway gateway, PromptRenderer renderer) : IStepKind
{
    public StepKind Kind => StepKind.Embedding;

    public async Task<StepExecutionResult> RunAsync(StepKindCall call, CancellationToken cancellationToken)
    {
        var (spec, attempt, context) = (call.Spec, call.Attempt, call.Context);
        if (attempt.Params["text"] is not JsonValue templateValue || !templateValue.TryGetValue<string>(out var template) || string.IsNullOrWhiteSpace(template))
        {
            return StepExecutionResult.Failure("An embedding step needs a 'text' parameter: a template of the text to embed, e.g. \"{{ input.question }}\".");
        }
        string text;
        try
        {
            text = renderer.Render(template, context.Input, context.Ir, attempt.Params);
        }
        catch (PromptTemplateException ex)
        {
            return StepExecutionResult.Failure(ex.Message);
        }
        if (string.IsNullOrWhiteSpace(text)) return StepExecutionResult.Failure("The 'text' template rendered nothing to embed.") with { RenderedPrompt = text };

        var answer = await gateway.EmbedAsync(new EmbeddingRequest
        {
            RouteId = spec.ModelRouteId,
            Inputs = [text],
            StepRunId = attempt.StepRunId,
            Attempt = attempt.Attempt,
            IdempotencyKey = attempt.IdempotencyKey,
            // As for model calls: the run's own choice (POST /api/runs) wins over the step version's.
            Importance = call.Artifacts.Run.Importance ?? spec.Importance,
            CostSensitive = call.Artifacts.Run.CostSensitive ?? spec.CostSensitive,
        }, cancellationToken);
        var result = new StepExecutionResult
        {
            Outcome = answer.Succeeded ? StepOutcome.Completed : StepOutcome.Failed,
            Error = answer.Succeeded ? null : answer.Error ?? "The embedding call failed.",
            IrValid = answer.Succeeded,
            RenderedPrompt = text,
            Model = answer.Model,
            EndpointId = answer.EndpointId,
            EndpointName = answer.EndpointName,
            TokensIn = answer.TokensIn,
            CostUsd = answer.CostUsd,
            LatencyMs = answer.LatencyMs,
        };
        if (!answer.Succeeded) return result;
        if (answer.Vectors is not [var vector]) return result with { Outcome = StepOutcome.Failed, IrValid = false, Error = $"The endpoint answered {answer.Vectors.Count} vectors for one text." };

        var ir = new JsonObject
        {
            ["model"] = answer.Model,
            ["dimensions"] = vector.Length,
            ["embedding"] = new JsonArray([.. vector.Select(v => (JsonNode?)JsonValue.Create(v))]),
        };
        return result with { IrJson = ir.ToJsonString() };
    }
}
