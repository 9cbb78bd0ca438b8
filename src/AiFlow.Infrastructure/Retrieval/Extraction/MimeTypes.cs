namespace AiFlow.Infrastructure.Retrieval.Extraction;

/// <summary>The types AiFlow ingests, as stored on a document.</summary>
public static class MimeTypes
{
    public const string Pdf = "application/pdf";
    public const string Html = "text/html";
    public const string Markdown = "text/markdown";
    public const string PlainText = "text/plain";

    /// <summary>A name a person recognises in a refusal ("named as PDF but its bytes are HTML").</summary>
    public static string Describe(string mimeType) => mimeType switch
    {
        Pdf => "PDF",
        Html => "HTML",
        Markdown => "Markdown",
        PlainText => "plain text",
        _ => mimeType,
    };

    /// <summary>The type a file name promises by its extension, or null when the extension promises nothing we read.</summary>
    public static string? FromFileName(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".pdf" => Pdf,
        ".html" or ".htm" or ".xhtml" => Html,
        ".md" or ".markdown" => Markdown,
        ".txt" or ".text" => PlainText,
        _ => null,
    };
}
