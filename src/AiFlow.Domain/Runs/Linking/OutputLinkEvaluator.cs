using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Runs.Linking;

/// <summary>
/// Reads a step's <c>outputLinks</c> parameter and takes the ids it names out of the step's IR (seed 001, "create
/// StepOutputLink[] for each produced domain record"), e.g.
/// <c>[{"targetType": "tickets", "idPath": "ticket_id"}, {"targetType": "documents", "idPath": "chunks[*].id", "relation": "produced"}]</c>.
/// A path the IR does not have links nothing: an optional field is not an error. A declaration that cannot be read is.
/// </summary>
public static class OutputLinkEvaluator
{
    public const string ParamName = "outputLinks";
    public const string DefaultRelation = "produced";
    public const int MaxLinksPerStep = 1_000;
    public const int MaxIdLength = 256;
    public const int MaxNameLength = 100;

    private const string Example = """[{"targetType": "tickets", "idPath": "ticket_id"}]""";

    /// <summary>The declarations in <paramref name="declaration"/> (the parameter's value); absent or null declares none.</summary>
    /// <exception cref="OutputLinkException">The declaration is malformed; the message names the entry and the problem.</exception>
    public static IReadOnlyList<OutputLinkDeclaration> Parse(JsonNode? declaration)
    {
        if (declaration is null) return [];
        if (declaration is not JsonArray entries) throw new OutputLinkException($"Parameter '{ParamName}' must be an array like {Example}.");
        var declarations = new List<OutputLinkDeclaration>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var at = $"{ParamName}[{i}]";
            if (entries[i] is not JsonObject entry) throw new OutputLinkException($"{at} must be an object with 'targetType' and 'idPath', like {Example}.");
            foreach (var (key, _) in entry)
            {
                if (key is not ("targetType" or "idPath" or "relation"))
                {
                    throw new OutputLinkException($"{at} has an unknown key '{key}'; the keys are targetType, idPath and relation.");
                }
            }
            var targetType = Name(entry, "targetType", at, required: true, "the kind of record, like \"tickets\"")!;
            var relation = Name(entry, "relation", at, required: false, null) ?? DefaultRelation;
            if (entry["idPath"] is not JsonValue pathValue || pathValue.GetValueKind() != JsonValueKind.String)
            {
                throw new OutputLinkException($"{at} needs 'idPath' as a string: where the ids are in the IR, like \"ticket_id\" or \"chunks[*].id\".");
            }
            var pathText = pathValue.GetValue<string>();
            if (!IdPath.TryParse(pathText, out var path, out var problem))
            {
                throw new OutputLinkException($"{at} 'idPath' \"{pathText}\" {problem}.");
            }
            declarations.Add(new OutputLinkDeclaration(targetType, path!, relation));
        }
        return declarations;
    }

    /// <summary><see cref="Parse"/> for callers that report problems rather than throw: the publish checks and the engine.</summary>
    public static bool TryParse(JsonNode? declaration, out IReadOnlyList<OutputLinkDeclaration> declarations, out string? problem)
    {
        try
        {
            declarations = Parse(declaration);
            problem = null;
            return true;
        }
        catch (OutputLinkException ex)
        {
            declarations = [];
            problem = ex.Message;
            return false;
        }
    }

    /// <summary>The links <paramref name="ir"/> yields under <paramref name="declarations"/>, each once, in declaration then document order.</summary>
    /// <exception cref="OutputLinkException">A path reaches a value that cannot be an id, or the IR names too many records.</exception>
    public static IReadOnlyList<ProducedLink> Extract(IReadOnlyList<OutputLinkDeclaration> declarations, JsonNode? ir)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        var links = new List<ProducedLink>();
        var seen = new HashSet<ProducedLink>();
        foreach (var declaration in declarations)
        {
            foreach (var value in declaration.Path.Select(ir))
            {
                var id = IdOf(value, declaration);
                if (id is null || !seen.Add(new ProducedLink(declaration.TargetType, id, declaration.Relation))) continue;
                if (seen.Count > MaxLinksPerStep)
                {
                    throw new OutputLinkException($"The IR names more than {MaxLinksPerStep:N0} output links; a step may link at most {MaxLinksPerStep:N0} records.");
                }
                links.Add(new ProducedLink(declaration.TargetType, id, declaration.Relation));
            }
        }
        return links;
    }

    /// <summary>Strings and numbers are ids (a number as written); null and blank strings link nothing.</summary>
    private static string? IdOf(JsonNode? value, OutputLinkDeclaration declaration)
    {
        if (value is null) return null;
        var kind = value.GetValueKind();
        var id = kind switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => throw new OutputLinkException(
                $"The output link to '{declaration.TargetType}' at \"{declaration.Path}\" found {Describe(kind)} in the IR; an id must be a string or a number."),
        };
        if (string.IsNullOrWhiteSpace(id)) return null;
        if (id.Length > MaxIdLength)
        {
            throw new OutputLinkException(
                $"The output link to '{declaration.TargetType}' at \"{declaration.Path}\" found an id of {id.Length:N0} characters; ids are limited to {MaxIdLength}.");
        }
        return id;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>A target type or relation: a short word an index can find, not free text.</summary>
    private static string? Name(JsonObject entry, string key, string at, bool required, string? hint)
    {
        if (!entry.TryGetPropertyValue(key, out var node) || node is null)
        {
            return required ? throw new OutputLinkException($"{at} needs '{key}': {hint}.") : null;
        }
        var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (text is null || text.Length is 0 or > MaxNameLength || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':'))
        {
            throw new OutputLinkException(
                $"{at} '{key}' must be 1 to {MaxNameLength} letters, digits, '_', '-', '.' or ':' (got {node.ToJsonString()}).");
        }
        return text;
    }
}
