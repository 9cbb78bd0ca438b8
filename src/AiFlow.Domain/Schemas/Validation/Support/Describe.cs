using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Small wording helpers for error messages (failure path only).</summary>
internal static class Describe
{
    public static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => JsonNumber.IsInteger(element) ? "an integer" : "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };

    /// <summary>Raw JSON of the value, shortened so messages stay readable.</summary>
    public static string Value(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
