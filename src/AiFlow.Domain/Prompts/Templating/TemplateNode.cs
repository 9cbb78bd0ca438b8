namespace AiFlow.Domain.Prompts.Templating;

internal abstract record TemplateNode;

internal sealed record TextNode(string Text) : TemplateNode;

internal sealed record OutputNode(IReadOnlyList<string> Path, IReadOnlyList<(string Name, string? Arg)> Filters) : TemplateNode;

internal sealed record IfNode(IReadOnlyList<string> Path, string? Operator, string? Literal, List<TemplateNode> Then, List<TemplateNode> Else) : TemplateNode;

internal sealed record ForNode(string Variable, IReadOnlyList<string> Path, List<TemplateNode> Body) : TemplateNode;
