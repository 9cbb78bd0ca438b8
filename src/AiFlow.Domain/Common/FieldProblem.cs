namespace AiFlow.Domain.Common;

/// <summary>
/// One reason a change was refused, at the JSON pointer of the field it is about (e.g. <c>/key</c>; empty for the whole
/// body), so that an API answer can name the field and a page can show the sentence beside it.
/// </summary>
public sealed record FieldProblem(string Field, string Message);
