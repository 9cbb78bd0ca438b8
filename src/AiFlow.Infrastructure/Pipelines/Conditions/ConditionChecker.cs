using Acornima.Ast;

namespace AiFlow.Infrastructure.Pipelines.Conditions;

/// <summary>
/// Checks a condition before a version is published: it must parse as one JavaScript expression and may only name
/// <c>input</c>, <c>ir.&lt;upstream node&gt;</c> and <c>metrics.&lt;upstream node&gt;.&lt;known metric&gt;</c>.
/// What no condition may say in any scope (code, constructors, assignments) is <see cref="ConditionSyntax"/>'s, which the
/// evaluator applies again at run time. Only parses, never evaluates: cheap enough for every render of the node panel.
/// </summary>
public static class ConditionChecker
{
    public static ConditionCheckResult Check(string? expression, ConditionScope scope)
    {
        if (string.IsNullOrWhiteSpace(expression)) return new ConditionCheckResult([]);
        var parse = ConditionSyntax.Parse(expression);
        if (parse.Expression is null) return new ConditionCheckResult(parse.Problems);

        var errors = new List<string>(parse.Problems);
        Walk(parse.Expression, scope, errors);
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
            case MemberExpression member:
                // Rooted in a value, e.g. (input.a || '').trim(): a non-computed property names a member, not a global.
                Walk(member.Object, scope, errors);
                if (member.Computed) Walk(member.Property, scope, errors);
                return;
            case Identifier identifier:
                CheckGlobal(identifier.Name, errors);
                return;
            case AssignmentExpression or UpdateExpression or FunctionExpression or ArrowFunctionExpression or NewExpression or ClassExpression:
                return; // ConditionSyntax refused it; its parts need no names checked.
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
                CheckGlobal(path[0], errors);
                return;
        }
    }

    private static void CheckGlobal(string name, List<string> errors)
    {
        // A forbidden name (Function, eval, ...) is already refused by ConditionSyntax with its reason.
        if (!ConditionSyntax.AllowedGlobals.Contains(name) && !ConditionSyntax.IsForbiddenName(name))
        {
            errors.Add($"Unknown name '{name}': use input, ir.<node> or metrics.<node>.<metric>.");
        }
    }
}
