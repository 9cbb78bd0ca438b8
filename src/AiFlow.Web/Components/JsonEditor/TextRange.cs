namespace AiFlow.Web.Components.JsonEditor;

/// <summary>A range of text as Monaco counts it: 1-based lines and UTF-16 columns, the end column exclusive.</summary>
public sealed record TextRange(int StartLine, int StartColumn, int EndLine, int EndColumn);
