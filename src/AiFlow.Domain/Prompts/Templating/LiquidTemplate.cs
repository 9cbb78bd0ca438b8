using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Prompts.Templating;

/// <summary>
/// The Liquid subset AiFlow prompts use: <c>{{ path | filter }}</c> with filters json, upcase, downcase, strip,
/// size, truncate: n and default: "x"; <c>{% if path %}…{% else %}…{% endif %}</c>; <c>{% for x in path %}…{% endfor %}</c>.
/// Written in-house because Fluid 2.41.1 fails at run time beside the only Parlot this mirror serves (ADR 0006).
/// </summary>
public sealed class LiquidTemplate
{
    private readonly List<TemplateNode> nodes;

    private LiquidTemplate(List<TemplateNode> nodes, IReadOnlySet<string> roots, IReadOnlySet<string> paths)
    {
        this.nodes = nodes;
        RootVariables = roots;
        VariablePaths = [.. paths.Order(StringComparer.Ordinal)];
    }

    /// <summary>The top-level names the template reads (e.g. <c>input</c>, <c>ir</c>), loop variables excluded.</summary>
    public IReadOnlySet<string> RootVariables { get; }

    /// <summary>Every variable path the template reads outside loops' own variables, e.g. <c>input.subject</c>, sorted.</summary>
    public IReadOnlyList<string> VariablePaths { get; }

    public static LiquidTemplate Parse(string source)
    {
        var parser = new TemplateParser(source);
        var parsed = parser.ParseAll();
        return new LiquidTemplate(parsed, parser.Roots, parser.Paths);
    }

    /// <exception cref="TemplateLimitException">The render ran past <paramref name="limits"/> (default <see cref="TemplateLimits.Default"/>).</exception>
    public string Render(IReadOnlyDictionary<string, JsonNode?> model, TemplateLimits? limits = null)
    {
        var sb = new StringBuilder();
        var scope = new Dictionary<string, JsonNode?>(model, StringComparer.Ordinal);
        Render(nodes, scope, sb, new RenderBudget(limits ?? TemplateLimits.Default));
        return sb.ToString();
    }

    private static void Render(List<TemplateNode> list, Dictionary<string, JsonNode?> scope, StringBuilder sb, RenderBudget budget)
    {
        foreach (var node in list)
        {
            switch (node)
            {
                case TextNode t: sb.Append(t.Text); break;
                case OutputNode o: sb.Append(ToText(ApplyFilters(Resolve(o.Path, scope), o.Filters))); break;
                case IfNode i: Render(IsTruthy(Compare(i, scope)) ? i.Then : i.Else, scope, sb, budget); break;
                case ForNode f:
                    if (Resolve(f.Path, scope) is JsonArray items)
                    {
                        var previous = scope.GetValueOrDefault(f.Variable);
                        for (var k = 0; k < items.Count; k++)
                        {
                            budget.Iterate();
                            scope[f.Variable] = items[k];
                            scope["forloop"] = new JsonObject { ["index"] = k + 1, ["first"] = k == 0, ["last"] = k == items.Count - 1 };
                            Render(f.Body, scope, sb, budget);
                        }
                        scope[f.Variable] = previous;
                    }
                    break;
            }
            budget.Wrote(sb);
        }
    }

    private static JsonNode? Compare(IfNode node, Dictionary<string, JsonNode?> scope)
    {
        var left = Resolve(node.Path, scope);
        if (node.Operator is null) return left;
        var equal = ToText(left) == node.Literal;
        return JsonValue.Create(node.Operator == "==" ? equal : !equal);
    }

    internal static JsonNode? Resolve(IReadOnlyList<string> path, IReadOnlyDictionary<string, JsonNode?> scope)
    {
        if (!scope.TryGetValue(path[0], out var current)) return null;
        for (var i = 1; i < path.Count && current is not null; i++)
        {
            current = current switch
            {
                JsonObject o => o[path[i]],
                JsonArray a when int.TryParse(path[i], out var index) && index >= 0 && index < a.Count => a[index],
                JsonArray a when path[i] == "size" => JsonValue.Create(a.Count),
                _ => null,
            };
        }
        return current;
    }

    private static JsonNode? ApplyFilters(JsonNode? value, IReadOnlyList<(string Name, string? Arg)> filters)
    {
        foreach (var (name, arg) in filters)
        {
            value = name switch
            {
                "json" => JsonValue.Create(value?.ToJsonString() ?? "null"),
                "upcase" => JsonValue.Create(ToText(value).ToUpperInvariant()),
                "downcase" => JsonValue.Create(ToText(value).ToLowerInvariant()),
                "strip" => JsonValue.Create(ToText(value).Trim()),
                "size" => JsonValue.Create(value is JsonArray a ? a.Count : value is JsonObject o ? o.Count : ToText(value).Length),
                "default" => IsTruthy(value) ? value : JsonValue.Create(arg ?? ""),
                "truncate" => JsonValue.Create(Truncate(ToText(value), int.Parse(arg ?? "50", CultureInfo.InvariantCulture))),
                _ => value,
            };
        }
        return value;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..Math.Max(0, length - 1)] + "…";

    private static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length > 0,
        JsonArray a => a.Count > 0,
        _ => true,
    };

    internal static string ToText(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };
}
