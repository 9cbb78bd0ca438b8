using Acornima;
using Acornima.Ast;

namespace AiFlow.Infrastructure.Pipelines.Conditions;

/// <summary>
/// Checks a condition before a version is published: it must parse as one JavaScript expression and may only name
/// <c>input</c>, <c>ir.&lt;upstream node&gt;</c> and <c>metrics.&lt;upstream node&gt;.&lt;known metric&gt;</c>.
/// </summary>
public static class ConditionChecker
{
    private static readonly HashSet<string> AllowedGlobals = new(StringComparer.Ordinal) { "input", "ir", "metrics", "Math", "undefined", "NaN", "Infinity" };

    public static ConditionCheckResult Check(string? expression, ConditionScope scope)
    {
        if (string.IsNullOrWhiteSpace(expression)) return new ConditionCheckResult([]);
        Expression parsed;
        try
        {
            parsed = new Parser().ParseExpression(expression);
        }
        catch (SyntaxErrorException ex)
        {
            return new ConditionCheckResult([$"Syntax error at column {ex.Column}: {ex.Description}"]);
        }

        var errors = new List<string>();
        Walk(parsed, scope, errors);
        return new ConditionCheckResult(errors.Distinct().ToList());
    }

    private static void Walk(Node node, ConditionScope scope, List<string> errors)
    {
        switch (node)
        {
            case MemberExpression member when Root(member) is { } path:
                CheckPath(path, scope, errors);
                // Computed parts (a[b]) may hold further names to check; the chain itself is already checked.
                for (Node current = member; current is MemberExpression m; current = m.Object)
                {
                    if (m.Computed && m.Property is not StringLiteral) Walk(m.Property, scope, errors);
                }
                return;
            case Identifier identifier:
                if (!AllowedGlobals.Contains(identifier.Name)) errors.Add($"Unknown name '{identifier.Name}': use input, ir.<node> or metrics.<node>.<metric>.");
                return;
            case AssignmentExpression or UpdateExpression or FunctionExpression or ArrowFunctionExpression or NewExpression or ClassExpression:
                errors.Add("A condition may only read values: assignments, functions and 'new' are not allowed.");
                return;
            case Property property:
                // Object literal keys are not names to resolve; only their values are.
                Walk(property.Value, scope, errors);
                return;
        }
        foreach (var child in node.ChildNodes) Walk(child, scope, errors);
    }

    /// <summary>The dotted path of a non-computed member chain rooted at an identifier, e.g. [metrics, gen, faithfulness].</summary>
    private static List<string>? Root(MemberExpression member)
    {
        var parts = new List<string>();
        Node current = member;
        while (current is MemberExpression m)
        {
            parts.Insert(0, m.Computed ? (m.Property is StringLiteral s ? s.Value : "*") : ((Identifier)m.Property).Name);
            current = m.Object;
        }
        if (current is not Identifier root) return null;
        parts.Insert(0, root.Name);
        return parts;
    }

    private static void CheckPath(List<string> path, ConditionScope scope, List<string> errors)
    {
        switch (path[0])
        {
            case "input" or "Math":
                return;
            case "ir":
                if (path.Count < 2 || path[1] == "*") { errors.Add("Name a node after 'ir', e.g. ir.classify.priority."); return; }
                if (!scope.UpstreamNodes.Contains(path[1])) errors.Add($"'ir.{path[1]}' names a node that does not run before this one.");
                return;
            case "metrics":
                if (path.Count < 3 || path[1] == "*" || path[2] == "*") { errors.Add("Use metrics.<node>.<metric>, e.g. metrics.generate.latency_ms."); return; }
                if (!scope.UpstreamNodes.Contains(path[1])) errors.Add($"'metrics.{path[1]}' names a node that does not run before this one.");
                else if (!scope.KnowsMetric(path[1], path[2])) errors.Add($"Node '{path[1]}' does not measure '{path[2]}': its metric profile has no such metric, so the condition could never read it.");
                return;
            default:
                if (!AllowedGlobals.Contains(path[0])) errors.Add($"Unknown name '{path[0]}': use input, ir.<node> or metrics.<node>.<metric>.");
                return;
        }
    }
}
