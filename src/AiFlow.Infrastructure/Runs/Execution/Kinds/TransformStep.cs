using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Prompts;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>Renders the step's <c>template</c> parameter over the input and upstream IR; the JSON it renders is the IR.</summary>
public sealed class TransformStep(PromptRenderer renderer) : IStepKind
{
    public StepKind Kind => StepKind.Transform;

    public Task<StepExecutionResult> RunAsync(StepKindCall call, CancellationToken cancellationToken)
    {
        var (attempt, context) = (call.Attempt, call.Context);
        var template = attempt.Params["template"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(template)) return Task.FromResult(StepExecutionResult.Failure("A transform step needs a 'template' parameter."));
        try
        {
            var text = renderer.Render(template, context.Input, context.Ir, attempt.Params);
            return Task.FromResult(new StepExecutionResult { Outcome = StepOutcome.Completed, RenderedPrompt = text, IrJson = JsonNode.Parse(text)?.ToJsonString() ?? "null" });
        }
        catch (Exception ex) when (ex is PromptTemplateException or JsonException)
        {
            return Task.FromResult(StepExecutionResult.Failure($"Transform failed: {ex.Message}"));
        }
    }
}
