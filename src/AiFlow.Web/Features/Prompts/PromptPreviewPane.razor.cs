using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Prompts;
using Microsoft.AspNetCore.Components;

namespace AiFlow.Web.Features.Prompts;

/// <summary>A live preview: re-renders whenever the template, the parameters or the sample input change.</summary>
public sealed partial class PromptPreviewPane
{
    private string sample = "{\n  \"text\": \"The pump in hall 3 failed twice this week.\"\n}";
    private string? inputProblem;
    private PromptPreview? prompt;
    private PromptPreview? system;

    /// <summary>The user template to render (a version's or one of its variants').</summary>
    [Parameter] public string Template { get; set; } = "";

    [Parameter] public string SystemPrompt { get; set; } = "";

    /// <summary>The step's parameters as JSON (<c>params.*</c> in the template); invalid JSON renders as no parameters.</summary>
    [Parameter] public string? ParamsJson { get; set; }

    /// <summary>The variant shown, for the heading.</summary>
    [Parameter] public string? Variant { get; set; }

    private IReadOnlyList<string> Problems => [.. system?.Problems.Select(p => "System prompt: " + p) ?? [], .. prompt?.Problems ?? []];

    private string State => inputProblem is not null ? "bad-input" : prompt?.Rendered is null ? "error" : Problems.Count > 0 ? "problems" : "ok";

    protected override void OnParametersSet() => Render();

    private void OnSampleChanged(string value)
    {
        sample = value;
        Render();
    }

    private void Render()
    {
        JsonNode? input;
        try
        {
            input = JsonNode.Parse(sample);
            inputProblem = null;
        }
        catch (JsonException ex)
        {
            inputProblem = $"The sample input is not valid JSON: {ex.Message}";
            return;
        }
        var parameters = TryObject(ParamsJson);
        prompt = PromptTemplateService.Preview(Template, input, parameters);
        system = string.IsNullOrWhiteSpace(SystemPrompt) ? null : PromptTemplateService.Preview(SystemPrompt, input, parameters);
    }

    private static JsonObject? TryObject(string? json)
    {
        try
        {
            return string.IsNullOrWhiteSpace(json) ? null : JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
