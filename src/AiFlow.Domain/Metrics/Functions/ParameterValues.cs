using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>Reads validated parameters; a parameter that is absent, null or of another type reads as its default.</summary>
internal static class ParameterValues
{
    public static string Text(this JsonObject parameters, string name, string fallback = "") =>
        JsonScalar.StringOf(parameters[name]) ?? fallback;

    public static string? OptionalText(this JsonObject parameters, string name) => JsonScalar.StringOf(parameters[name]);

    public static double? Number(this JsonObject parameters, string name) => JsonScalar.NumberOf(parameters[name]);

    public static bool Flag(this JsonObject parameters, string name) => JsonScalar.BoolOf(parameters[name]) ?? false;

    /// <summary>The strings of an array parameter, skipping anything else in it.</summary>
    public static IReadOnlyList<string> Texts(this JsonObject parameters, string name) =>
        parameters[name] is JsonArray items ? [.. items.Select(JsonScalar.StringOf).OfType<string>()] : [];
}
