using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiFlow.Infrastructure.Inference.Simulator;

/// <summary>
/// The simulator's text-to-SQL: when the schema asks for a top-level <c>sql</c> string, it answers
/// <c>select count(*) as n from &lt;first view in the prompt's CREATE VIEW lines&gt;</c>, or, when the prompt holds a
/// line <c>sim-sql: &lt;statement&gt;</c>, that statement verbatim, so tests can make the "model" write bad SQL.
/// Deterministic, like the rest of the simulator.
/// </summary>
internal static partial class SqlAnswer
{
    public static JsonNode? Apply(JsonElement schema, JsonNode? instance, string prompt)
    {
        var asksForSql = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
            && properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("sql", out _);
        if (!asksForSql || instance is not JsonObject answer) return instance;
        answer["sql"] = For(prompt);
        return answer;
    }

    public static string For(string prompt)
    {
        if (Scripted().Match(prompt) is { Success: true } scripted) return scripted.Groups[1].Value.Trim();
        return FirstView().Match(prompt) is { Success: true } view ? $"select count(*) as n from {view.Groups[1].Value}" : "select 1 as n";
    }

    [GeneratedRegex(@"sim-sql:[ \t]*([^\r\n]+)")]
    private static partial Regex Scripted();

    [GeneratedRegex(@"(?i)create\s+view\s+([a-z_][a-z0-9_]*)")]
    private static partial Regex FirstView();
}
