using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Prompts;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Schemas.Validation;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Infrastructure.Schemas;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// A structured model call (seed 001): render the prompt (its A/B variant), call the route with the IR schema, parse
/// the output. Shared by the kinds that call a chat model; <paramref name="extraContext"/> lets a kind add what it
/// prepared (retrieved chunks, media) to the prompt's variables.
/// </summary>
public sealed class ModelCall(IInferenceGateway gateway, PromptRenderer renderer, IrValidationService validation)
{
    public async Task<StepExecutionResult> CallAsync(StepKindCall call, CancellationToken cancellationToken, JsonObject? extraContext = null,
        SentImages? images = null)
    {
        var (spec, attempt, context) = (call.Spec, call.Attempt, call.Context);
        if (spec.PromptTemplateVersionId is null) return StepExecutionResult.Failure($"Step '{spec.StepKey}' has no prompt template.");
        var version = await call.Artifacts.PromptAsync(spec.PromptTemplateVersionId.Value, cancellationToken);
        // A/B: the same run and node always get the same variant, so retries and resumes do not flip it.
        var selected = PromptVariantSelector.Select(version, context.RunId, attempt.NodeKey);
        var parameters = attempt.Params;
        if (extraContext is not null)
        {
            parameters = (JsonObject)attempt.Params.DeepClone();
            foreach (var (name, value) in extraContext) parameters[name] = value?.DeepClone();
        }
        // The chunks upstream retrieval returned, ready to quote and cite; the same chunks stay reachable as ir.<node>.chunks.
        var retrieved = RetrievedChunks.Format(RetrievedChunks.Upstream(call.Artifacts.Run.Plan.Dag, context.Node.Key, context.Ir));
        string prompt, system;
        try
        {
            prompt = renderer.Render(selected.Template, context.Input, context.Ir, parameters, retrieved);
            system = renderer.Render(version.SystemPrompt, context.Input, context.Ir, parameters, retrieved);
        }
        catch (PromptTemplateException ex)
        {
            return StepExecutionResult.Failure(ex.Message);
        }
        var schema = spec.IrSchemaVersionId is { } sid ? await call.Artifacts.SchemaAsync(sid, cancellationToken) : (JsonElement?)null;
        var mode = validation.EffectiveMode(spec.ValidationMode);
        var compiled = mode == ValidationMode.Enforce && spec.IrSchemaVersionId is { } id ? await validation.GetCompiledAsync(id, cancellationToken) : null;

        var answer = await gateway.CallStructuredAsync(new StructuredCallRequest
        {
            RouteId = spec.ModelRouteId,
            SystemPrompt = system,
            UserPrompt = prompt,
            Images = images?.Images ?? [],
            Schema = schema,
            SchemaName = spec.StepKey,
            // Under enforce, output that fails the schema makes the route fall through to its next endpoint.
            RejectOutput = compiled is null ? null : text => IrValidationService.Validate(compiled, text, out var errors) ? null : errors[0].Message,
            StepRunId = attempt.StepRunId,
            Attempt = attempt.Attempt,
            IdempotencyKey = attempt.IdempotencyKey,
            PromptTemplateVersionId = spec.PromptTemplateVersionId,
            PromptVariant = selected.Variant,
            Temperature = attempt.Params["temperature"]?.GetValue<double>(),
            MaxTokens = attempt.Params["max_tokens"]?.GetValue<int>(),
            // The run's own choice (POST /api/runs) wins over the step version's.
            Importance = call.Artifacts.Run.Importance ?? spec.Importance,
            CostSensitive = call.Artifacts.Run.CostSensitive ?? spec.CostSensitive,
        }, cancellationToken);

        var result = new StepExecutionResult
        {
            Outcome = answer.Succeeded ? StepOutcome.Completed : StepOutcome.Failed,
            Error = answer.Succeeded ? null : images is null ? answer.Error : ImagesFailed(images, answer),
            // The images are part of what was sent, so the record of the prompt lists them (the inspector shows them from it),
            // and in which form each attempt's endpoint got them.
            RenderedPrompt = images is null ? prompt : prompt + images.Note + string.Concat(answer.ImageDeliveries.Select(d => "\n" + d.Describe(images.Images.Count))),
            PromptTemplateVersionId = spec.PromptTemplateVersionId,
            PromptVariant = selected.Variant,
            RawResponse = answer.Content,
            Model = answer.Model,
            EndpointId = answer.EndpointId,
            EndpointName = answer.EndpointName,
            TokensIn = answer.TokensIn,
            TokensOut = answer.TokensOut,
            CostUsd = answer.CostUsd,
            LatencyMs = answer.LatencyMs,
        };
        if (!answer.Succeeded) return answer.RefusedContent is null ? result : Refused(result, answer, compiled);
        try
        {
            return result with { IrJson = JsonNode.Parse(answer.Content ?? "")?.ToJsonString() ?? "null" };
        }
        catch (JsonException ex)
        {
            return result with { Outcome = StepOutcome.Failed, IrValid = false, Error = $"The model's output is not JSON: {ex.Message}" };
        }
    }

    // An endpoint that was sent URLs and failed most likely could not fetch them (expired, forged, unreachable): say so.
    private static string ImagesFailed(SentImages images, StructuredCallResult answer) =>
        answer.ImageDeliveries.Any(d => d.ByUrl)
            ? $"The call with {images.Images.Count} image(s) failed (an endpoint sent image URLs refuses the call when it cannot fetch them: the signed link expired or is not valid, or Media:PublicBaseUrl is not reachable from it; or it does not accept images): {answer.Error}"
            : $"The call with {images.Images.Count} image(s) failed (an endpoint that does not accept images refuses it): {answer.Error}";

    /// <summary>
    /// Every endpoint's output was refused (rejected under enforce, or not JSON): the step fails, but the last output is
    /// kept as an invalid IR artifact with its errors, so a reviewer can correct it instead of it being thrown away.
    /// </summary>
    private static StepExecutionResult Refused(StepExecutionResult result, StructuredCallResult answer, CompiledSchema? compiled)
    {
        var kept = result with { RawResponse = answer.RefusedContent, Model = answer.RefusedModel, EndpointName = answer.RefusedEndpointName, IrValid = false };
        try
        {
            var ir = JsonNode.Parse(answer.RefusedContent!)?.ToJsonString() ?? "null";
            IReadOnlyList<IrValidationError> errors = [];
            if (compiled is not null) IrValidationService.Validate(compiled, ir, out errors);
            return kept with { IrJson = ir, IrErrors = errors };
        }
        catch (JsonException ex)
        {
            return kept with { IrErrors = [new IrValidationError("", "", $"The output is not JSON: {ex.Message}")] };
        }
    }
}
