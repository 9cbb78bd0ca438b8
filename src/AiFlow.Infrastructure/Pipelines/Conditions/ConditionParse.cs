using Acornima.Ast;
using Jint;

namespace AiFlow.Infrastructure.Pipelines.Conditions;

/// <summary>A condition parsed once for both the publish check and the engine: its script, its one expression, its problems.</summary>
internal sealed record ConditionParse(Prepared<Script> Script, Expression? Expression, IReadOnlyList<string> Problems)
{
    public bool IsRunnable => Expression is not null && Problems.Count == 0;
}
