using System.Globalization;
using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Retrieval.Sql;

/// <summary>A result value as JSON: numbers and booleans as themselves, times as ISO 8601, anything else as its text.</summary>
internal static class SqlValues
{
    public static JsonNode? ToJson(object? value) => value switch
    {
        null or DBNull => null,
        bool b => JsonValue.Create(b),
        short n => JsonValue.Create(n),
        int n => JsonValue.Create(n),
        long n => JsonValue.Create(n),
        decimal n => JsonValue.Create(n),
        float n when float.IsFinite(n) => JsonValue.Create(n),
        double n when double.IsFinite(n) => JsonValue.Create(n),
        string s => JsonValue.Create(s),
        DateTime t => JsonValue.Create(t.ToString("O", CultureInfo.InvariantCulture)),
        DateTimeOffset t => JsonValue.Create(t.ToString("O", CultureInfo.InvariantCulture)),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        TimeSpan span => JsonValue.Create(span.ToString("c", CultureInfo.InvariantCulture)),
        Guid g => JsonValue.Create(g.ToString()),
        Array array => new JsonArray([.. array.Cast<object?>().Select(ToJson)]),
        IFormattable formattable => JsonValue.Create(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };
}
