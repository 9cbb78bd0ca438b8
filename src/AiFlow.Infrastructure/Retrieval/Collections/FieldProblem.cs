namespace AiFlow.Infrastructure.Retrieval.Collections;

/// <summary>One reason a request about a collection was refused, at the JSON pointer of the field it is about (e.g. <c>/key</c>).</summary>
public sealed record FieldProblem(string Field, string Message);
