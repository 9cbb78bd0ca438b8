using System.Collections.Frozen;
using Acornima;
using Acornima.Ast;
using Jint;

namespace AiFlow.Infrastructure.Pipelines.Conditions;

/// <summary>
/// What a condition may say, whatever its scope: one expression that reads values. Applied when a version is published
/// (<see cref="ConditionChecker"/>) and again before every evaluation (<see cref="ConditionEvaluator"/>), so a condition
/// that reached the database some other way is held to the same rules. Both parse the text the same way, as the one
/// statement of a strict script, which is what the engine runs.
/// </summary>
internal static class ConditionSyntax
{
    /// <summary>The only globals a condition can name; the sandbox deletes every other one.</summary>
    public static readonly FrozenSet<string> AllowedGlobals = FrozenSet.ToFrozenSet(["input", "ir", "metrics", "Math", "undefined", "NaN", "Infinity"], StringComparer.Ordinal);

    /// <summary>Names that lead to code or to the global object; named in the refusal rather than called unknown.</summary>
    private static readonly FrozenSet<string> ForbiddenNames = FrozenSet.ToFrozenSet(["Function", "eval", "globalThis", "Reflect", "Proxy", "arguments"], StringComparer.Ordinal);

    /// <summary>Members that lead to constructors and prototypes, and so to <c>Function</c> and to every other object.</summary>
    private static readonly FrozenSet<string> ForbiddenMembers = FrozenSet.ToFrozenSet(
        ["constructor", "prototype", "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"], StringComparer.Ordinal);

    private const string ReadOnly = "A condition may only read values: assignments, functions and 'new' are not allowed.";

    public static bool IsForbiddenName(string name) => ForbiddenNames.Contains(name);

    public static ConditionParse Parse(string expression)
    {
        if (expression.Length > ConditionLimits.MaxExpressionLength)
        {
            return new ConditionParse(default, null, [$"A condition is at most {ConditionLimits.MaxExpressionLength:N0} characters; this one has {expression.Length:N0}."]);
        }
        Prepared<Script> script;
        try
        {
            script = Engine.PrepareScript(expression, strict: true);
        }
        catch (ScriptPreparationException ex)
        {
            var reason = ex.InnerException is ParseErrorException parse ? $"Syntax error at column {parse.Column}: {parse.Description}" : ex.Message;
            return new ConditionParse(default, null, [reason]);
        }
        if (script.Program?.Body is not [ExpressionStatement { Expression: var parsed }])
        {
            return new ConditionParse(script, null, ["A condition is one expression, e.g. ir.classify.priority === 'urgent'."]);
        }
        var problems = new List<string>();
        Walk(parsed, problems);
        return new ConditionParse(script, parsed, problems.Distinct().ToList());
    }

    private static void Walk(Node node, List<string> problems)
    {
        switch (node)
        {
            case ThisExpression:
                problems.Add("'this' is forbidden: a condition cannot reach the global object.");
                return;
            case ImportExpression:
                problems.Add("'import()' is forbidden: a condition cannot load code.");
                return;
            case AssignmentExpression or UpdateExpression or FunctionExpression or ArrowFunctionExpression or ClassExpression:
                problems.Add(ReadOnly);
                return;
            case NewExpression:
                // Its callee is named too: 'new Proxy(...)' says what it reaches for.
                problems.Add(ReadOnly);
                break;
            case UnaryExpression { Operator: Operator.Delete }:
                problems.Add("'delete' is forbidden: a condition may only read values.");
                return;
            case TaggedTemplateExpression:
                problems.Add("Tagged templates are forbidden: they call a function with the template's text.");
                return;
            case Identifier identifier when ForbiddenNames.Contains(identifier.Name):
                problems.Add($"'{identifier.Name}' is forbidden: a condition cannot create or run code, nor reach the global object.");
                return;
            case MemberExpression member:
                CheckKey(member.Property, member.Computed, problems);
                Walk(member.Object, problems);
                // A non-computed property is a member's name, not a variable to resolve.
                if (member.Computed) Walk(member.Property, problems);
                return;
            case Property property:
                // '__proto__' as an object-literal key sets the new object's prototype.
                CheckKey(property.Key, property.Computed, problems);
                if (property.Computed) Walk(property.Key, problems);
                Walk(property.Value, problems);
                return;
        }
        foreach (var child in node.ChildNodes) Walk(child, problems);
    }

    private static void CheckKey(Node key, bool computed, List<string> problems)
    {
        var name = computed ? ConstantText(key) : key switch { Identifier i => i.Name, StringLiteral s => s.Value, _ => null };
        if (name is not null && ForbiddenMembers.Contains(name))
        {
            problems.Add($"'{name}' is forbidden: a condition cannot reach constructors or prototypes.");
        }
    }

    /// <summary>
    /// The text of a key built only from literals, e.g. <c>'con' + 'structor'</c> or a template of literals; null when the
    /// key depends on data (a key read from the input is stopped at run time: the sandbox has no constructors to find).
    /// </summary>
    private static string? ConstantText(Node node) => node switch
    {
        StringLiteral s => s.Value,
        TemplateLiteral t => Concatenate(t),
        NonLogicalBinaryExpression { Operator: Operator.Addition } plus when ConstantText(plus.Left) is { } left && ConstantText(plus.Right) is { } right => left + right,
        _ => null,
    };

    private static string? Concatenate(TemplateLiteral template)
    {
        var text = template.Quasis[0].Value.Cooked ?? "";
        for (var i = 0; i < template.Expressions.Count; i++)
        {
            if (ConstantText(template.Expressions[i]) is not { } part) return null;
            text += part + template.Quasis[i + 1].Value.Cooked;
        }
        return text;
    }
}
