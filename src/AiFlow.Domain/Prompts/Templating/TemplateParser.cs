using System.Text.RegularExpressions;

namespace AiFlow.Domain.Prompts.Templating;

/// <summary>Recursive-descent parser for <see cref="LiquidTemplate"/>; every error names its position.</summary>
internal sealed partial class TemplateParser(string source)
{
    private int position;
    private readonly HashSet<string> loopVariables = new(StringComparer.Ordinal) { "forloop" };

    public HashSet<string> Roots { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Paths { get; } = new(StringComparer.Ordinal);

    public List<TemplateNode> ParseAll()
    {
        var nodes = ParseUntil(out var end);
        if (end is not null) throw new TemplateSyntaxException($"Unexpected '{{% {end} %}}'", position);
        return nodes;
    }

    private List<TemplateNode> ParseUntil(out string? endTag, params string[] terminators)
    {
        var nodes = new List<TemplateNode>();
        endTag = null;
        while (position < source.Length)
        {
            var next = source.IndexOf('{', position);
            while (next >= 0 && next + 1 < source.Length && source[next + 1] is not ('{' or '%')) next = source.IndexOf('{', next + 1);
            if (next < 0 || next + 1 >= source.Length)
            {
                nodes.Add(new TextNode(source[position..]));
                position = source.Length;
                break;
            }
            if (next > position) nodes.Add(new TextNode(source[position..next]));
            var isOutput = source[next + 1] == '{';
            var close = source.IndexOf(isOutput ? "}}" : "%}", next + 2, StringComparison.Ordinal);
            if (close < 0) throw new TemplateSyntaxException(isOutput ? "'{{' is never closed with '}}'" : "'{%' is never closed with '%}'", next);
            var body = source[(next + 2)..close].Trim();
            var start = next;
            position = close + 2;
            if (isOutput)
            {
                nodes.Add(ParseOutput(body, start));
                continue;
            }
            var word = body.Split(' ', 2)[0];
            if (terminators.Contains(word))
            {
                endTag = word;
                return nodes;
            }
            nodes.Add(word switch
            {
                "if" => ParseIf(body, start),
                "for" => ParseFor(body, start),
                _ => throw new TemplateSyntaxException($"Unknown tag '{word}'", start),
            });
        }
        if (terminators.Length > 0) throw new TemplateSyntaxException($"Missing '{{% {terminators[^1]} %}}'", source.Length);
        return nodes;
    }

    private OutputNode ParseOutput(string body, int at)
    {
        var parts = body.Split('|');
        var path = ParsePath(parts[0].Trim(), at);
        var filters = new List<(string, string?)>();
        foreach (var raw in parts.Skip(1))
        {
            var pieces = raw.Split(':', 2);
            var name = pieces[0].Trim();
            if (name is not ("json" or "upcase" or "downcase" or "strip" or "size" or "default" or "truncate"))
            {
                throw new TemplateSyntaxException($"Unknown filter '{name}'", at);
            }
            var argument = pieces.Length > 1 ? pieces[1].Trim().Trim('"', '\'') : null;
            // Checked here, so a bad length is refused when the version is saved rather than when a run renders it.
            if (name == "truncate" && argument is not null && !int.TryParse(argument, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                throw new TemplateSyntaxException($"'truncate' needs a whole number of characters, not '{argument}'", at);
            }
            filters.Add((name, argument));
        }
        return new OutputNode(path, filters);
    }

    private IfNode ParseIf(string body, int at)
    {
        var match = IfPattern().Match(body);
        if (!match.Success) throw new TemplateSyntaxException("Expected '{% if path %}' or '{% if path == \"text\" %}'", at);
        var path = ParsePath(match.Groups["path"].Value, at);
        var then = ParseUntil(out var end, "else", "endif");
        var otherwise = end == "else" ? ParseUntil(out _, "endif") : [];
        return new IfNode(path, match.Groups["op"].Success ? match.Groups["op"].Value : null,
            match.Groups["lit"].Success ? match.Groups["lit"].Value : null, then, otherwise);
    }

    private ForNode ParseFor(string body, int at)
    {
        var match = ForPattern().Match(body);
        if (!match.Success) throw new TemplateSyntaxException("Expected '{% for item in path %}'", at);
        var path = ParsePath(match.Groups["path"].Value, at);
        var variable = match.Groups["var"].Value;
        var added = loopVariables.Add(variable);
        var inner = ParseUntil(out _, "endfor");
        if (added) loopVariables.Remove(variable);
        return new ForNode(variable, path, inner);
    }

    private List<string> ParsePath(string text, int at)
    {
        if (!PathPattern().IsMatch(text)) throw new TemplateSyntaxException($"'{text}' is not a variable path like input.subject or ir.classify.tags[0]", at);
        var path = text.Replace("]", "", StringComparison.Ordinal).Split('.', '[').ToList();
        if (!loopVariables.Contains(path[0]))
        {
            Roots.Add(path[0]);
            Paths.Add(text);
        }
        return path;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_-]*|\[\d+\])*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex("^if\\s+(?<path>[^\\s=!]+)(\\s*(?<op>==|!=)\\s*\"(?<lit>[^\"]*)\")?$")]
    private static partial Regex IfPattern();

    [GeneratedRegex(@"^for\s+(?<var>[A-Za-z_][A-Za-z0-9_]*)\s+in\s+(?<path>\S+)$")]
    private static partial Regex ForPattern();
}
