using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Outcome of one validation; valid results are a shared singleton so the valid path allocates nothing.</summary>
public sealed class SchemaValidationResult
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    internal SchemaValidationResult(bool isValid, IReadOnlyList<SchemaValidationError> errors)
    {
        IsValid = isValid;
        Errors = errors;
    }

    public static SchemaValidationResult Valid { get; } = new(true, []);

    public bool IsValid { get; }

    public IReadOnlyList<SchemaValidationError> Errors { get; }

    /// <summary>The specification's "basic" output unit: a flat list of errors.</summary>
    public JsonObject ToBasicOutput()
    {
        var root = new JsonObject { ["valid"] = IsValid };
        if (IsValid)
        {
            return root;
        }

        var errors = new JsonArray();
        foreach (var error in Errors)
        {
            errors.Add(new JsonObject
            {
                ["keywordLocation"] = error.KeywordLocation,
                ["absoluteKeywordLocation"] = error.AbsoluteKeywordLocation,
                ["instanceLocation"] = error.InstanceLocation,
                ["error"] = error.Message,
            });
        }

        root["errors"] = errors;
        return root;
    }

    public string ToBasicOutputJson(bool indented = false) =>
        indented ? ToBasicOutput().ToJsonString(s_indented) : ToBasicOutput().ToJsonString();
}
