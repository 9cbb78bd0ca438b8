namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>
/// A disagreement between AiFlow and the referee that is understood and accepted: <see cref="Reading"/> says which
/// side the specification supports and where, <see cref="Applies"/> recognises exactly the judgements it excuses, and
/// the example is a pair on which it shows (a test keeps checking that it still does).
/// </summary>
internal sealed record KnownDifference(string Name, string Reading, string ExampleSchema, string ExampleInstance, Func<Judgement, bool> Applies);
