using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Domain.Runs;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// A step whose params declare <c>"citations": "/pointer"</c> may cite only chunks its upstream retrieval returned: each id
/// in the array at that pointer of its IR must be one of them, or the IR is invalid with the citation's own pointer.
/// Pure: the executor passes the IR, the declaration and the retrieved ids.
/// </summary>
public static class CitationCheck
{
    public const string ParamName = "citations";

    /// <summary>The problems with <paramref name="ir"/>'s citations; empty when every cited id was retrieved.</summary>
    public static IReadOnlyList<IrValidationError> Check(JsonNode? ir, JsonNode? declaration, IReadOnlySet<string> retrieved)
    {
        ArgumentNullException.ThrowIfNull(retrieved);
        if (declaration is not JsonValue value || value.GetValueKind() != JsonValueKind.String || value.GetValue<string>() is not { } pointer
            || !JsonPointerPath.IsValid(pointer))
        {
            return [Error("", $"The '{ParamName}' parameter must be a JSON pointer (e.g. \"/citations\") to the array of cited chunk ids in the IR.")];
        }
        if (!JsonPointerPath.TryResolve(ir, pointer, out var cited) || cited is null)
        {
            return [Error(pointer, $"{Shown(pointer)} is missing: the IR must list the chunk ids it cites there (an empty array when it cites none).")];
        }
        if (cited is not JsonArray array) return [Error(pointer, $"{Shown(pointer)} is not an array of chunk ids.")];

        var errors = new List<IrValidationError>();
        for (var i = 0; i < array.Count; i++)
        {
            var at = pointer + "/" + i.ToString(CultureInfo.InvariantCulture);
            if (array[i] is not JsonValue item || item.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(Error(at, $"{at} is not a chunk id (a string)."));
                continue;
            }
            var id = item.GetValue<string>();
            if (!retrieved.Contains(id)) errors.Add(Error(at, $"{at} cites chunk {id}, which was not retrieved."));
        }
        return errors;
    }

    private static string Shown(string pointer) => pointer.Length == 0 ? "The IR" : pointer;

    private static IrValidationError Error(string pointer, string message) => new(pointer, "citations", message);
}
